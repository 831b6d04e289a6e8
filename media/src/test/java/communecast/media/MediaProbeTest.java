package communecast.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import communecast.media.MediaRejectedException.Reason;
import communecast.media.testing.AudioFixtures;
import communecast.media.testing.AudioFixtures.Encoding;
import communecast.media.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MediaProbeTest {

    private static final Duration THREE_SECONDS = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private final MediaProbe probe = new MediaProbe();

    @ParameterizedTest
    @CsvSource({
            "tone.wav, wav, pcm_s16le, 44100",
            "tone.mp3, mp3, mp3, 44100",
            "tone.m4a, 'mov,mp4,m4a,3gp,3g2,mj2', aac, 44100",
            "tone.ogg, ogg, opus, 48000"})
    void aToneIsAudioWithItsDurationAndFormat(String name, String container, String codec, int sampleRate)
            throws Exception {
        MediaInfo info = probe.probe(TestMedia.tone(dir.resolve(name), THREE_SECONDS, 440));

        assertEquals(MediaKind.AUDIO, info.kind());
        assertEquals(container, info.container());
        assertEquals(codec, info.audioCodec());
        assertEquals(3000, info.durationMs(), 100);
        assertEquals(sampleRate, info.sampleRate());
        assertEquals(1, info.channels());
        assertNull(info.videoCodec());
        assertEquals(0, info.width());
        assertEquals(0.0, info.frameRate());
    }

    /** The decoder FFmpeg names for what each input format's encoder wrote. */
    private static final Map<String, String> DECODER_OF = Map.ofEntries(
            Map.entry("libmp3lame", "mp3"), Map.entry("pcm_s16le", "pcm_s16le"), Map.entry("pcm_s24le", "pcm_s24le"),
            Map.entry("aac", "aac"), Map.entry("vorbis", "vorbis"), Map.entry("libopus", "opus"),
            Map.entry("flac", "flac"), Map.entry("wmav2", "wmav2"), Map.entry("libopencore_amrnb", "amr_nb"));

    static Encoding[] audioFormats() {
        return AudioFixtures.INPUT_FORMATS;
    }

    @ParameterizedTest
    @MethodSource("audioFormats")
    void everyAudioFormatIsProbedForCodecRateChannelsAndDuration(Encoding encoding) throws Exception {
        assumeTrue(encoding.available(), encoding.unavailableReason());
        Path file = AudioFixtures.speech(dir.resolve(encoding.fileName("speech")), encoding, 2, -20, 5);

        MediaInfo info = probe.probe(file);

        assertEquals(MediaKind.AUDIO, info.kind());
        assertEquals(DECODER_OF.get(encoding.codec()), info.audioCodec());
        assertEquals(encoding.sampleRate(), info.sampleRate());
        assertEquals(encoding.channels(), info.channels());
        // JavaCV muxes ASF without packet timestamps, so the WMA fixture's header states 4,044 ms for its 2 s;
        // the probe reports a duration the header states and the data reaches, as players do.
        assertEquals(encoding == AudioFixtures.WMA ? 4044 : 2000, info.durationMs(), 100);
        assertNull(info.videoCodec());
    }

    @Test
    void anMp4IsVideoWithItsSizeRateAndDuration() throws Exception {
        MediaInfo info = probe.probe(TestMedia.video(dir.resolve("clip.mp4"), Duration.ofSeconds(2), 320, 240));

        assertEquals(MediaKind.VIDEO, info.kind());
        assertEquals("h264", info.videoCodec());
        assertEquals(320, info.width());
        assertEquals(240, info.height());
        assertEquals(25.0, info.frameRate(), 0.01);
        assertEquals(2000, info.durationMs(), 100);
        assertNull(info.audioCodec());
        assertEquals(0, info.sampleRate());
    }

    @Test
    void aPngIsAnImageWithoutDuration() throws Exception {
        MediaInfo info = probe.probe(TestMedia.image(dir.resolve("poster.png"), 64, 48));

        assertEquals(new MediaInfo(MediaKind.IMAGE, "png_pipe", 0, null, 0, 0, "png", 64, 48, 0), info);
    }

    /** The gif demuxer states no duration, so the probe counts frames: one frame is a still. */
    @Test
    void aStillGifIsAnImage() throws Exception {
        Path gif = dir.resolve("banner.gif");
        assertTrue(ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "gif", gif.toFile()));

        MediaInfo info = probe.probe(gif);

        assertEquals(MediaKind.IMAGE, info.kind());
        assertEquals("gif", info.videoCodec());
        assertEquals(0, info.durationMs());
    }

    @Test
    void theKindComesFromTheContentNotTheName() throws Exception {
        Path pngCalledMp3 = Files.move(TestMedia.image(dir.resolve("poster.png"), 64, 48), dir.resolve("poster.mp3"));
        Path mp3CalledPng = Files.move(TestMedia.tone(dir.resolve("tone.mp3"), THREE_SECONDS, 440), dir.resolve("tone.png"));

        assertEquals(MediaKind.IMAGE, probe.probe(pngCalledMp3).kind());
        assertEquals(MediaKind.AUDIO, probe.probe(mp3CalledPng).kind());
    }

    @Test
    void anMp3WithCoverArtIsStillAudio() throws Exception {
        Path song = TestMedia.withCoverArt(TestMedia.tone(dir.resolve("tone.mp3"), THREE_SECONDS, 440), dir.resolve("song.mp3"));
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(song.toFile())) {
            grabber.start();
            assertTrue(grabber.hasVideo(), "FFmpeg should see the cover as a video stream, or this test proves nothing");
        }

        MediaInfo info = probe.probe(song);

        assertEquals(MediaKind.AUDIO, info.kind());
        assertEquals(3000, info.durationMs(), 100);
        assertNull(info.videoCodec());
    }

    @Test
    void anEmptyFileIsRejectedAsEmpty() {
        MediaRejectedException e = rejected(TestMedia.empty(dir.resolve("nothing.mp3")));

        assertEquals(Reason.EMPTY, e.reason());
        assertEquals("file is empty", e.getMessage());
    }

    @Test
    void textNamedLikeAVideoIsRejected() {
        MediaRejectedException e = rejected(TestMedia.textDisguisedAs(dir.resolve("clip.mp4")));

        assertTrue(Set.of(Reason.UNREADABLE, Reason.NO_MEDIA_STREAM).contains(e.reason()), e.reason().name());
        assertTrue(e.getMessage().startsWith("not a media file FFmpeg can read: "), e.getMessage());
    }

    @Test
    void theFirstFewHundredBytesOfAnMp3AreRejected() {
        Path mp3 = TestMedia.tone(dir.resolve("tone.mp3"), THREE_SECONDS, 440);

        MediaRejectedException e = rejected(TestMedia.truncated(mp3, dir.resolve("cut.mp3"), 400));

        assertTrue(Set.of(Reason.UNREADABLE, Reason.UNDECODABLE).contains(e.reason()), e.getMessage());
    }

    /** The Xing header still says 3 s; accepting it would cut the broadcast short on air. */
    @Test
    void halfAnMp3IsRejectedAsTruncated() throws Exception {
        Path mp3 = TestMedia.tone(dir.resolve("tone.mp3"), THREE_SECONDS, 440);

        MediaRejectedException e = rejected(TestMedia.truncated(mp3, dir.resolve("cut.mp3"), (int) Files.size(mp3) / 2));

        assertEquals(Reason.UNDECODABLE, e.reason());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void theFirstTwoKilobytesOfAnMp4AreRejected() {
        Path mp4 = TestMedia.video(dir.resolve("clip.mp4"), Duration.ofSeconds(2), 320, 240);

        MediaRejectedException e = rejected(TestMedia.truncated(mp4, dir.resolve("cut.mp4"), 2048));

        assertTrue(Set.of(Reason.UNREADABLE, Reason.UNDECODABLE).contains(e.reason()), e.getMessage());
    }

    /** Its index still states 4 s, and seeking to the end finds nothing there. */
    @Test
    void anMp4CutNearItsEndIsRejectedAsTruncated() throws Exception {
        Path mp4 = TestMedia.video(dir.resolve("clip.mp4"), Duration.ofSeconds(4), 320, 240);

        MediaRejectedException e = rejected(TestMedia.truncated(mp4, dir.resolve("cut.mp4"), (int) (Files.size(mp4) * 0.9)));

        assertEquals(Reason.UNDECODABLE, e.reason());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    /** A cut WAV states no believable duration (FFmpeg guesses it from the size), so it is measured. */
    @Test
    void halfAWavIsMeasuredByDecoding() throws Exception {
        Path wav = TestMedia.tone(dir.resolve("tone.wav"), THREE_SECONDS, 440);

        MediaInfo info = probe.probe(TestMedia.truncated(wav, dir.resolve("cut.wav"), (int) Files.size(wav) / 2));

        assertEquals(MediaKind.AUDIO, info.kind());
        assertEquals(1500, info.durationMs(), 50);
    }

    @Test
    void aWavHeaderWithoutSamplesIsRejected() {
        Path wav = TestMedia.tone(dir.resolve("tone.wav"), THREE_SECONDS, 440);

        MediaRejectedException e = rejected(TestMedia.truncated(wav, dir.resolve("cut.wav"), 100));

        assertEquals(Reason.UNDECODABLE, e.reason());
    }

    @Test
    void mediaLongerThanTheLimitIsRejected() {
        Path mp3 = TestMedia.tone(dir.resolve("tone.mp3"), THREE_SECONDS, 440);

        MediaRejectedException e = assertThrows(MediaRejectedException.class,
                () -> new MediaProbe(Duration.ofSeconds(2)).probe(mp3));

        assertEquals(Reason.TOO_LONG, e.reason());
        assertEquals("lasts at least 3.0 s, more than the 2.0 s accepted", e.getMessage());
    }

    private MediaRejectedException rejected(Path file) {
        return assertThrows(MediaRejectedException.class, () -> probe.probe(file), "accepted " + file.getFileName());
    }
}
