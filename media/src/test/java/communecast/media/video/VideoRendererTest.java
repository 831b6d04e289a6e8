package communecast.media.video;

import static communecast.media.video.Renditions.assertColour;
import static communecast.media.video.Renditions.assertConstantRate;
import static communecast.media.video.Renditions.assertFittedAndPadded;
import static communecast.media.video.Renditions.assertIndexFirst;
import static communecast.media.video.Renditions.decode;
import static communecast.media.video.Renditions.isBlack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import communecast.media.MediaInfo;
import communecast.media.MediaKind;
import communecast.media.MediaProbe;
import communecast.media.MediaRejectedException;
import communecast.media.MediaRejectedException.Reason;
import communecast.media.audio.AudioRenditionSpec;
import communecast.media.audio.Loudness;
import communecast.media.audio.LoudnessMeter;
import communecast.media.testing.AudioFixtures;
import communecast.media.testing.TestMedia;
import communecast.media.testing.VideoFixtures;
import communecast.media.testing.VideoFixtures.Format;
import communecast.media.video.Renditions.Decoded;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VideoRendererTest {

    private static final ScreenSize WALL = new ScreenSize(384, 192);
    private static final ScreenSize SMALL = new ScreenSize(192, 96);
    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

    /** Sources are made once per class and shared: several tests render the same one. */
    @TempDir
    static Path sources;
    private static final Map<String, Path> MADE = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    private final VideoRenderer renderer = new VideoRenderer();
    private final MediaProbe probe = new MediaProbe();

    static Path source(String name, Function<Path, Path> make) {
        return MADE.computeIfAbsent(name, n -> make.apply(sources.resolve(n)));
    }

    static Path source(Format format) {
        assumeTrue(format.available(), format.whyUnavailable());
        return source("clip-" + format + "." + format.extension,
                file -> VideoFixtures.video(file, format, TWO_SECONDS, 320, 240));
    }

    static Stream<Arguments> formatsAndScreens() {
        List<Arguments> cases = new ArrayList<>();
        for (Format format : Format.values()) {
            cases.add(Arguments.of(format, WALL));
            cases.add(Arguments.of(format, SMALL));
        }
        return cases.stream();
    }

    /** 320×240 (4:3) on a 2:1 screen: pillarboxed; 25 fps whatever the source's rate; duration and sound kept. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("formatsAndScreens")
    void everyInputFormatRendersToTheScreenSizeAtAConstantRate(Format format, ScreenSize screen) throws Exception {
        Path input = source(format);
        MediaInfo source = probe.probe(input);
        Path output = dir.resolve("out.mp4");

        VideoRendition rendition = renderer.render(input, output, VideoRenditionSpec.forScreen(screen), null);

        long expectedFrames = Math.round(source.durationMs() * 25 / 1000.0);
        assertEquals(new VideoRendition(expectedFrames * 40, screen.width(), screen.height(), 25.0, rendition.bitrateKbps(),
                rendition.soundBefore(), rendition.soundAfter()), rendition);
        assertEquals(2000, rendition.durationMs(), 40 + 40, "duration kept within a frame (plus the source's own rounding)");
        MediaInfo out = probe.probe(output);
        assertEquals(MediaKind.VIDEO, out.kind());
        assertEquals("h264", out.videoCodec());
        assertTrue(out.container().contains("mp4"), out.container());
        assertEquals(screen.width(), out.width());
        assertEquals(screen.height(), out.height());
        assertEquals(25.0, out.frameRate(), 0.001);
        assertEquals(rendition.durationMs(), out.durationMs(), 40);
        assertIndexFirst(output);

        Decoded decoded = decode(output, 25);
        assertEquals(expectedFrames, decoded.frames(), "frames: duration × 25");
        assertConstantRate(decoded, 25);
        assertFittedAndPadded(decoded.keptFrame(), 320 / 240.0, VideoFixtures.FIELD, VideoFixtures.BLOCK);
        if (format.hasSound()) {
            assertEquals("aac", decoded.audioCodec());
            assertEquals(44_100, decoded.sampleRate());
            assertEquals(2, decoded.channels());
            assertEquals(2_000_000, decoded.audioMicros(), 60_000, "the sound lasts as long as the source's");
            assertLevelled(rendition, new LoudnessMeter().measure(output), -16, -1.5);
        } else {
            assertNull(decoded.audioCodec(), "a silent source makes a silent rendition");
        }
    }

    /**
     * A video's sound airs at the radio bulletins' loudness: quiet mono speech is lifted, a loud stereo mix brought
     * down and limited. Rendered twice, it sounds the same: JavaCV's recorder, asked to turn mono into its stereo,
     * once read the mono buffer as stereo, past its end, and each rendition came out at another level.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"quiet mono speech", "loud stereo music"})
    void theSoundAirsAtTheRadiosLoudness(String kind) throws Exception {
        int rate = 48_000;
        float[][] sound = kind.startsWith("quiet") ? AudioFixtures.speechAt(rate, 1, 6, -30, 11)
                : AudioFixtures.loudStudioMix(rate, 6);
        Path input = VideoFixtures.mp4WithSound(dir.resolve("sound.mp4"), 320, 240, sound, rate);

        VideoRendition first = renderer.render(input, dir.resolve("first.mp4"), VideoRenditionSpec.forScreen(WALL), null);
        VideoRendition second = renderer.render(input, dir.resolve("second.mp4"), VideoRenditionSpec.forScreen(WALL), null);

        System.out.printf("%s: %s -> %s, again %s%n", kind, first.soundBefore(), first.soundAfter(), second.soundAfter());
        assertEquals(kind.startsWith("quiet") ? -30 : -8, first.soundBefore().integratedLufs(), 1, "measured as uploaded");
        assertLevelled(first, new LoudnessMeter().measure(dir.resolve("first.mp4")), -16, -1.5);
        assertEquals(first.soundAfter().integratedLufs(), second.soundAfter().integratedLufs(), 0.05, "the same each time");
        assertEquals(first.soundAfter().truePeakDbtp(), second.soundAfter().truePeakDbtp(), 0.1, "the same each time");
    }

    /** The loudness is the server's setting for the radio, whatever it is; silent sound stays silent, the video shows. */
    @Test
    void theSoundFollowsTheRadiosSettingAndSilenceIsKept() throws Exception {
        int rate = 48_000;
        Path speech = VideoFixtures.mp4WithSound(dir.resolve("speech.mp4"), 320, 240,
                AudioFixtures.speechAt(rate, 2, 6, -20, 12), rate);
        Path silent = VideoFixtures.mp4WithSound(dir.resolve("silent.mp4"), 320, 240, new float[][] {new float[6 * rate]}, rate);
        VideoRenditionSpec quieter = VideoRenditionSpec.forScreen(WALL).withSoundOf(new AudioRenditionSpec(-23, -3, 1, 44_100, 128));

        VideoRendition levelled = renderer.render(speech, dir.resolve("speech-out.mp4"), quieter, null);
        VideoRendition kept = renderer.render(silent, dir.resolve("silent-out.mp4"), quieter, null);

        assertLevelled(levelled, new LoudnessMeter().measure(dir.resolve("speech-out.mp4")), -23, -3);
        assertNull(kept.soundBefore(), "silence has no loudness to level");
        assertTrue(kept.soundAfter().isSilent(), kept.soundAfter().toString());
        assertEquals(6000, kept.durationMs(), 40);
    }

    /** At the target within half a LU, the true peak under the ceiling, as the rendition reports. */
    private static void assertLevelled(VideoRendition rendition, Loudness measured, double lufs, double ceiling) {
        assertEquals(measured, rendition.soundAfter(), "the rendition reports what the file holds");
        assertEquals(lufs, measured.integratedLufs(), 0.5, "loudness: " + measured);
        assertTrue(measured.truePeakDbtp() <= ceiling, "true peak: " + measured);
    }

    /** Timestamps 0, 20, 70, 90, 140... ms: each 40 ms slot shows the frame current at its time. */
    @Test
    void aVariableRateSourceBecomesAConstantRate() throws Exception {
        Path output = dir.resolve("out.mp4");

        renderer.render(source(Format.MKV_VFR), output, VideoRenditionSpec.forScreen(WALL), null);

        Decoded decoded = decode(output, 0);
        assertEquals(50, decoded.frames());
        assertConstantRate(decoded, 25);
    }

    /**
     * Slot n (at n × 40 ms) shows the source frame current then: the last one that starts less than half a
     * slot later. Frames are told apart by the white square, which moves 6 px (4.8 px on the wall) a frame.
     * MOV is 30 fps (frames dropped), WMV 15 fps (repeated), AVI has B-frames, MKV a variable rate.
     */
    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"MOV", "WMV", "AVI", "MKV_VFR", "WEBM_VP9"})
    void eachSlotShowsTheFrameCurrentAtItsTime(Format format) throws Exception {
        Path input = source(format);
        Path output = dir.resolve("out.mp4");
        renderer.render(input, output, VideoRenditionSpec.forScreen(WALL), null);

        List<Long> starts = Renditions.sourceTimestamps(input);
        // The square's top band: source rows 15..38 of 240, wall rows 12..30.
        List<Integer> columns = Renditions.whiteColumns(output, 20);
        for (int n = 0; n < columns.size(); n++) {
            long slot = n * 40_000L;
            int expected = (int) Math.max(0, starts.stream().filter(t -> t < slot + 20_000).count() - 1);
            int shown = nearestFrame(columns.get(n), expected);
            assertEquals(expected, shown, "slot " + n + " at " + slot / 1000 + " ms: source starts " + starts);
        }
    }

    /** Of the frames near expected, the one whose square's left edge (64 + 0.8 × (6k mod 296)) is nearest x. */
    private static int nearestFrame(int x, int expected) {
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int k = Math.max(0, expected - 3); k <= expected + 3; k++) {
            double distance = Math.abs(64 + 0.8 * (6 * k % 296) - x);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = k;
            }
        }
        return best;
    }

    @Test
    void a1080pSourceOnA2To1WallIsPillarboxed() throws Exception {
        Path input = source("hd.mp4", file -> VideoFixtures.video(file, Format.MP4_H264, Duration.ofSeconds(3), 1920, 1080));
        Path output = dir.resolve("out.mp4");

        long started = System.nanoTime();
        VideoRendition rendition = renderer.render(input, output, VideoRenditionSpec.forScreen(WALL), null);
        System.out.printf("3 s 1080p H.264 with sound -> 384x192: %.0f ms, %d kbps%n",
                (System.nanoTime() - started) / 1e6, rendition.bitrateKbps());

        assertEquals(3000, rendition.durationMs());
        Decoded decoded = decode(output, 40);
        assertEquals(75, decoded.frames());
        // 16:9 scaled to 192 lines is 341 px wide: about 21 black columns each side.
        assertFittedAndPadded(decoded.keptFrame(), 16 / 9.0, VideoFixtures.FIELD, VideoFixtures.BLOCK);
        for (int y = 0; y < 192; y += 8) {
            for (int x = 0; x < 18; x++) {
                assertTrue(isBlack(decoded.keptFrame().getRGB(x, y)), "left padding at " + x + "," + y);
                assertTrue(isBlack(decoded.keptFrame().getRGB(383 - x, y)), "right padding at " + (383 - x) + "," + y);
            }
        }
        assertFalse(isBlack(decoded.keptFrame().getRGB(25, 96)), "the picture starts by column 25");
        assertFalse(isBlack(decoded.keptFrame().getRGB(358, 96)), "the picture ends after column 358");
    }

    @Test
    void aPortraitSourceOnALandscapeWallIsPillarboxed() throws Exception {
        Path input = source("portrait.mp4", file -> VideoFixtures.video(file, Format.MP4_H264, TWO_SECONDS, 1080, 1920));
        Path output = dir.resolve("out.mp4");

        renderer.render(input, output, VideoRenditionSpec.forScreen(WALL), null);

        Decoded decoded = decode(output, 10);
        assertEquals(384, decoded.width());
        // 9:16 on 192 lines is 108 px wide, centred: columns 138..245.
        assertFittedAndPadded(decoded.keptFrame(), 9 / 16.0, VideoFixtures.FIELD, VideoFixtures.BLOCK);
        assertTrue(isBlack(decoded.keptFrame().getRGB(130, 96)));
        assertTrue(isBlack(decoded.keptFrame().getRGB(253, 96)));
    }

    @Test
    void aSourceWiderThanTheScreenIsLetterboxed() throws Exception {
        Path input = source("wide.mp4", file -> VideoFixtures.video(file, Format.MP4_H264, TWO_SECONDS, 400, 150));
        Path output = dir.resolve("out.mp4");

        renderer.render(input, output, VideoRenditionSpec.forScreen(WALL), null);

        // 8:3 on 384 columns is 144 lines: 24 black lines above and below.
        assertFittedAndPadded(decode(output, 10).keptFrame(), 400 / 150.0, VideoFixtures.FIELD, VideoFixtures.BLOCK);
    }

    /** Stored as landscape with a display matrix, as phones record portrait: shown upright, not on its side. */
    @Test
    void aPhonesPortraitVideoIsTurnedUpright() throws Exception {
        Path input = source("phone.mp4", file -> VideoFixtures.phonePortraitVideo(file, TWO_SECONDS, 320, 180));
        Path output = dir.resolve("out.mp4");

        renderer.render(input, output, VideoRenditionSpec.forScreen(WALL), null);

        var frame = decode(output, 10).keptFrame();
        // Upright it is 180×320: 108×192 on the wall, its top quarter red.
        assertFittedAndPadded(frame, 180 / 320.0, VideoFixtures.FIELD, VideoFixtures.FIELD);
        assertColour(VideoFixtures.TOP_BAND, frame, 192, 20, "top of the upright picture");
        assertColour(VideoFixtures.FIELD, frame, 192, 170, "bottom of the upright picture");
    }

    @Test
    void aLargerScreenGetsTheSameFit() throws Exception {
        Path output = dir.resolve("out.mp4");
        ScreenSize hd = new ScreenSize(1280, 720);

        VideoRendition rendition = renderer.render(source(Format.MP4_H264), output, VideoRenditionSpec.forScreen(hd), null);

        assertEquals(1280, rendition.width());
        assertEquals(720, rendition.height());
        assertFittedAndPadded(decode(output, 10).keptFrame(), 4 / 3.0, VideoFixtures.FIELD, VideoFixtures.BLOCK);
    }

    /** Sizes whose chroma rows (half the width) are no multiple of 16 or 32: FFmpeg pads such rows in memory. */
    @ParameterizedTest
    @ValueSource(strings = {"200x100", "250x130", "90x200"})
    void unusualScreenSizesKeepTheirColours(String size) throws Exception {
        ScreenSize screen = ScreenSize.parse(size);
        Path output = dir.resolve("out.mp4");

        renderer.render(source(Format.MP4_H264), output, VideoRenditionSpec.forScreen(screen), null);

        Decoded decoded = decode(output, 10);
        assertEquals(screen.width(), decoded.width());
        assertEquals(screen.height(), decoded.height());
        assertFittedAndPadded(decoded.keptFrame(), 4 / 3.0, VideoFixtures.FIELD, VideoFixtures.BLOCK);
    }

    /** Rows of a few bytes are padded most, relative to their length. */
    @Test
    void tinySourcesKeepTheirColours() throws Exception {
        Path video = source("tiny.mp4", file -> VideoFixtures.video(file, Format.MP4_H264, TWO_SECONDS, 36, 24));
        Path image = source("tiny.png", file -> VideoFixtures.still(file, 18, 12));
        VideoRenditionSpec spec = VideoRenditionSpec.forScreen(WALL).withStillDuration(Duration.ofSeconds(1));

        renderer.render(video, dir.resolve("video.mp4"), spec, null);
        renderer.render(image, dir.resolve("image.mp4"), spec, null);

        assertFittedAndPadded(decode(dir.resolve("video.mp4"), 10).keptFrame(), 1.5, VideoFixtures.FIELD, VideoFixtures.BLOCK);
        assertFittedAndPadded(decode(dir.resolve("image.mp4"), 0).keptFrame(), 1.5, VideoFixtures.FIELD, VideoFixtures.BLOCK);
    }

    @Test
    void aPngBecomesAStillOfTheDefault15Seconds() throws Exception {
        Path input = source("poster.png", file -> VideoFixtures.still(file, 640, 360));
        Path output = dir.resolve("out.mp4");

        VideoRendition rendition = renderer.render(input, output, VideoRenditionSpec.forScreen(WALL), null);

        assertEquals(new VideoRendition(15_000, 384, 192, 25.0, rendition.bitrateKbps(), null, null), rendition);
        Decoded decoded = decode(output, 200);
        assertEquals(375, decoded.frames());
        assertConstantRate(decoded, 25);
        assertNull(decoded.audioCodec(), "a still is silent");
        assertFittedAndPadded(decoded.keptFrame(), 16 / 9.0, VideoFixtures.FIELD, VideoFixtures.BLOCK);
        assertEquals(15_000, probe.probe(output).durationMs(), 40);
    }

    @Test
    void aJpegIsShownForTheDurationTheStaffChose() throws Exception {
        Path input = source("poster.jpg", file -> VideoFixtures.still(file, 800, 600));
        Path output = dir.resolve("out.mp4");
        VideoRenditionSpec spec = VideoRenditionSpec.forScreen(SMALL).withStillDuration(Duration.ofSeconds(4));

        VideoRendition rendition = renderer.render(input, output, spec, null);

        assertEquals(4000, rendition.durationMs());
        Decoded decoded = decode(output, 50);
        assertEquals(100, decoded.frames());
        assertFittedAndPadded(decoded.keptFrame(), 4 / 3.0, VideoFixtures.FIELD, VideoFixtures.BLOCK);
    }

    /** Stored as landscape with EXIF orientation 6, as phones take portrait photos. */
    @Test
    void aPhonesPortraitPhotoIsTurnedUpright() throws Exception {
        Path input = source("photo.jpg", file -> VideoFixtures.phonePortraitJpeg(file, 320, 180));
        Path output = dir.resolve("out.mp4");

        renderer.render(input, output, VideoRenditionSpec.forScreen(WALL).withStillDuration(Duration.ofSeconds(1)), null);

        var frame = decode(output, 0).keptFrame();
        assertFittedAndPadded(frame, 180 / 320.0, VideoFixtures.FIELD, VideoFixtures.FIELD);
        assertColour(VideoFixtures.TOP_BAND, frame, 192, 20, "top of the upright photo");
    }

    @Test
    void transparentPartsOfAnImageAreBlack() throws Exception {
        Path input = source("logo.png", file -> VideoFixtures.transparentPng(file, 384, 192));
        Path output = dir.resolve("out.mp4");

        renderer.render(input, output, VideoRenditionSpec.forScreen(WALL).withStillDuration(Duration.ofSeconds(1)), null);

        var frame = decode(output, 0).keptFrame();
        assertTrue(isBlack(frame.getRGB(20, 20)), "transparent white shows black, as the screen does");
        assertColour(VideoFixtures.BLOCK, frame, 192, 96, "the opaque block");
    }

    @Test
    void progressRisesToOne() throws Exception {
        List<Double> reported = new ArrayList<>();

        renderer.render(source(Format.MP4_H264), dir.resolve("out.mp4"), VideoRenditionSpec.forScreen(SMALL), reported::add);

        assertTrue(reported.size() >= 10, "reported " + reported.size() + " times");
        for (int i = 1; i < reported.size(); i++) {
            assertTrue(reported.get(i) >= reported.get(i - 1), "progress went back: " + reported);
        }
        assertEquals(1.0, reported.getLast());
    }

    @Test
    void theBitrateStaysWithinTheSpec() throws Exception {
        VideoRenditionSpec spec = VideoRenditionSpec.forScreen(WALL);

        VideoRendition rendition = renderer.render(source(Format.MP4_H264), dir.resolve("out.mp4"), spec, null);

        // Video at most its target (plus a margin for OpenH264's rate control), AAC at 128 kbps, MP4 overhead.
        assertTrue(rendition.bitrateKbps() <= spec.bitrateKbps() * 1.25 + 128 + 20,
                rendition.bitrateKbps() + " kbps for a target of " + spec.bitrateKbps());
    }

    @Test
    void anAudioFileIsNotAPicture() {
        Path mp3 = source("tone.mp3", file -> TestMedia.tone(file, TWO_SECONDS, 440));

        MediaRejectedException e = assertThrows(MediaRejectedException.class,
                () -> renderer.render(mp3, dir.resolve("out.mp4"), VideoRenditionSpec.forScreen(WALL), null));

        assertEquals(Reason.NO_MEDIA_STREAM, e.reason());
        assertEquals("an audio file has no picture to show on a screen", e.getMessage());
    }

    /** No half-written rendition is ever left where the server would serve it. */
    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"MP4_H264", "WEBM_VP8"})
    void aDamagedInputIsRejectedAndLeavesNoFile(Format format) throws Exception {
        Path input = VideoFixtures.garbageBody(source(format), dir.resolve("damaged." + format.extension));
        Path output = dir.resolve("out.mp4");

        MediaRejectedException e = assertThrows(MediaRejectedException.class,
                () -> renderer.render(input, output, VideoRenditionSpec.forScreen(WALL), null));

        assertEquals(Reason.UNDECODABLE, e.reason());
        assertEquals("the video stream has no frame that can be decoded", e.getMessage());
        assertFalse(Files.exists(output));
        assertFalse(Files.exists(dir.resolve("out.mp4.part")));
    }

    @Test
    void aRenditionReplacesAnOlderOne() throws Exception {
        Path output = Files.writeString(dir.resolve("out.mp4"), "an older rendition");

        renderer.render(source(Format.MP4_H264), output, VideoRenditionSpec.forScreen(SMALL), null);

        assertEquals(MediaKind.VIDEO, probe.probe(output).kind());
        assertFalse(Files.exists(dir.resolve("out.mp4.part")));
    }

    @Test
    void coloursSurviveTheTrip() throws Exception {
        Path output = dir.resolve("out.mp4");

        renderer.render(source(Format.WEBM_VP9), output, VideoRenditionSpec.forScreen(WALL), null);

        var frame = decode(output, 30).keptFrame();
        assertColour(VideoFixtures.BLOCK, frame, 192, 96, "sky blue");
        assertColour(VideoFixtures.FIELD, frame, 80, 150, "orange");
        assertColour(Color.BLACK, frame, 10, 96, "padding");
    }
}
