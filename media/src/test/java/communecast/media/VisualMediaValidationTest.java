package communecast.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import communecast.media.MediaRejectedException.Reason;
import communecast.media.testing.TestMedia;
import communecast.media.testing.VideoFixtures;
import communecast.media.testing.VideoFixtures.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the probe says about every video and picture format people bring, whole and damaged. */
class VisualMediaValidationTest {

    private static final String NO_FRAME = "the video stream has no frame that can be decoded";
    private static final String MOOV_MISSING = "the MP4/MOV index (moov atom) is missing or damaged: the file was probably"
            + " cut short (an interrupted upload or copy, or a recording never finished)";

    @TempDir
    static Path sources;
    private static final Map<Format, Path> MADE = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    private final MediaProbe probe = new MediaProbe();

    private static Path clip(Format format) {
        assumeTrue(format.available(), format.whyUnavailable());
        return MADE.computeIfAbsent(format, f -> VideoFixtures.video(sources.resolve("clip-" + f + "." + f.extension), f,
                Duration.ofSeconds(2), 320, 240));
    }

    private MediaRejectedException rejected(Path file) {
        return assertThrows(MediaRejectedException.class, () -> probe.probe(file), "accepted " + file.getFileName());
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyVideoFormatIsAcceptedWhole(Format format) throws Exception {
        MediaInfo info = probe.probe(clip(format));

        assertEquals(MediaKind.VIDEO, info.kind());
        assertEquals(320, info.width());
        assertEquals(240, info.height());
        assertEquals(2000, info.durationMs(), 50);
        assertEquals(format.hasSound(), info.audioCodec() != null);
        assertEquals(DECODER_OF.get(format), info.videoCodec());
        if (format.frameRate > 0) {
            assertEquals(format.frameRate, info.frameRate(), 0.01);
        } else {
            assertTrue(info.frameRate() > 0, "a variable rate is given as some rate: " + info.frameRate());
        }
    }

    /** The decoder FFmpeg names for each format's video. */
    private static final Map<Format, String> DECODER_OF = Map.of(Format.MP4_H264, "h264", Format.MP4_H265, "hevc",
            Format.MOV, "h264", Format.AVI, "mpeg4", Format.WMV, "wmv2", Format.MKV_VFR, "mpeg4",
            Format.WEBM_VP8, "vp8", Format.WEBM_VP9, "vp9");

    /** The coded pictures replaced by noise, the container intact: it opens, declares a video, decodes nothing. */
    @ParameterizedTest
    @EnumSource(Format.class)
    void aVideoWithNoDecodableFrameIsRejected(Format format) {
        Path damaged = VideoFixtures.garbageBody(clip(format), dir.resolve("damaged." + format.extension));

        MediaRejectedException e = rejected(damaged);

        assertEquals(Reason.UNDECODABLE, e.reason());
        assertEquals(NO_FRAME, e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void halfAVideoIsRejectedAsTruncated(Format format) throws Exception {
        Path clip = clip(format);

        MediaRejectedException e = rejected(TestMedia.truncated(clip, dir.resolve("half." + format.extension),
                (int) Files.size(clip) / 2));

        switch (format.container()) {
            // The index comes last in these, so it is what goes missing.
            case "mp4", "mov" -> assertEquals(MOOV_MISSING, e.getMessage().substring(0, MOOV_MISSING.length()));
            case "avi", "asf" -> assertTrue(e.getMessage().matches("the file is \\d+ bytes but its (AVI|WMV/ASF) header says \\d+:"
                    + " it is probably truncated \\(an interrupted upload or copy\\)"), e.getMessage());
            default -> assertTrue(e.getMessage().matches("the file ends before its stated duration of \\d+ ms:"
                    + " it is probably truncated \\(only \\d+ ms decodes\\)"), e.getMessage());
        }
        assertEquals(format.container().equals("mp4") || format.container().equals("mov")
                ? Reason.UNREADABLE : Reason.UNDECODABLE, e.reason());
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void theFirstTwoKilobytesOfAVideoAreRejected(Format format) {
        MediaRejectedException e = rejected(TestMedia.truncated(clip(format), dir.resolve("head." + format.extension), 2048));

        assertTrue(e.reason() == Reason.UNREADABLE || e.reason() == Reason.UNDECODABLE, e.reason().name());
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().startsWith(MOOV_MISSING)
                || e.getMessage().equals(NO_FRAME), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg"})
    void aWholePictureIsAnImage(String extension) throws Exception {
        MediaInfo info = probe.probe(VideoFixtures.still(dir.resolve("still." + extension), 640, 360));

        assertEquals(MediaKind.IMAGE, info.kind());
        assertEquals(640, info.width());
        assertEquals(360, info.height());
    }

    /** A cut JPEG still decodes (grey below the cut): only its structure shows it is cut. */
    @Test
    void halfAJpegIsRejectedAsTruncated() throws Exception {
        Path jpeg = VideoFixtures.still(dir.resolve("still.jpg"), 640, 360);

        MediaRejectedException e = rejected(TestMedia.truncated(jpeg, dir.resolve("half.jpg"), (int) Files.size(jpeg) / 2));

        assertEquals(Reason.UNDECODABLE, e.reason());
        assertEquals("the JPEG ends before its end-of-image marker: it is probably truncated (an interrupted upload or copy)",
                e.getMessage());
    }

    @Test
    void halfAPngIsRejectedAsTruncated() throws Exception {
        Path png = VideoFixtures.still(dir.resolve("still.png"), 640, 360);

        MediaRejectedException e = rejected(TestMedia.truncated(png, dir.resolve("half.png"), (int) Files.size(png) / 2));

        assertEquals(Reason.UNDECODABLE, e.reason());
        assertEquals("the PNG ends before its IEND chunk: it is probably truncated (an interrupted upload or copy)",
                e.getMessage());
    }

    @Test
    void aPngWithAGarbageBodyIsRejectedAsDamaged() {
        Path png = VideoFixtures.still(dir.resolve("still.png"), 640, 360);

        MediaRejectedException e = rejected(VideoFixtures.garbageBody(png, dir.resolve("damaged.png")));

        assertEquals(Reason.UNDECODABLE, e.reason());
        assertTrue(e.getMessage().startsWith("the PNG is damaged: its chunk structure breaks at byte "), e.getMessage());
    }

    @Test
    void aJpegWithAGarbageBodyIsRejectedAsDamaged() {
        Path jpeg = VideoFixtures.still(dir.resolve("still.jpg"), 640, 360);

        MediaRejectedException e = rejected(VideoFixtures.garbageBody(jpeg, dir.resolve("damaged.jpg")));

        assertEquals(Reason.UNDECODABLE, e.reason());
        assertEquals("the file starts like a JPEG but what follows is damaged: FFmpeg cannot make sense of it", e.getMessage());
    }

    /** Over 100 megapixels: refused from its header, before anything decodes 108 million pixels. */
    @Test
    void aPictureOfTooManyPixelsIsRejected() {
        Path png = VideoFixtures.largePng(dir.resolve("huge.png"), 12_000, 9_000);

        MediaRejectedException e = rejected(png);

        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals("the picture is 12000×9000 pixels (108.0 megapixels); at most 16384 pixels a side and 100 megapixels"
                + " are accepted", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"wide.png", "wide.jpg"})
    void aPictureTooWideIsRejected(String name) {
        Path picture = name.endsWith(".png") ? VideoFixtures.largePng(dir.resolve(name), 17_000, 100)
                : VideoFixtures.still(dir.resolve(name), 17_000, 16);

        MediaRejectedException e = rejected(picture);

        assertEquals(Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().startsWith("the picture is 17000×"), e.getMessage());
    }

    @Test
    void aPictureJustWithinTheLimitsIsAccepted() throws Exception {
        MediaInfo info = probe.probe(VideoFixtures.largePng(dir.resolve("tall.png"), 100, 16_384));

        assertEquals(MediaKind.IMAGE, info.kind());
        assertEquals(16_384, info.height());
    }
}
