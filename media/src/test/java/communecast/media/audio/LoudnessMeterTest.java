package communecast.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import communecast.media.MediaRejectedException;
import communecast.media.MediaRejectedException.Reason;
import communecast.media.testing.AudioFixtures;
import communecast.media.testing.AudioFixtures.Encoding;
import communecast.media.testing.TestMedia;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** FFmpeg's ebur128, as LoudnessMeter runs it, against the standards and against the independent meter. */
class LoudnessMeterTest {

    @TempDir
    Path dir;

    private final LoudnessMeter meter = new LoudnessMeter();

    @Test
    void aOneKilohertzSineAtMinus20DbfsMonoReadsMinus23() throws Exception {
        Path wav = AudioFixtures.tone(dir.resolve("tone.wav"), AudioFixtures.WAV_44K_MONO_24, 5, 1000, -20);

        Loudness loudness = meter.measure(wav);

        assertEquals(-23.0, loudness.integratedLufs(), 0.1);
        assertEquals(-20.0, loudness.truePeakDbtp(), 0.1);
        assertEquals(0.0, loudness.loudnessRangeLu(), 0.1);
    }

    static Encoding[] formats() {
        return AudioFixtures.INPUT_FORMATS;
    }

    /**
     * Two implementations that share nothing but the decoder must read the same loudness and peak. Gated
     * loudness of bursty sound is sensitive to where the 400 ms blocks fall: a block right at the relative gate
     * counts in one meter and not in the other, which moves a 3 s speech clip by up to 0.25 LU (seen at 11025 Hz,
     * where FFmpeg steps 1102 samples for 100 ms). Over 8 s the meters agree within 0.1 LU.
     */
    @ParameterizedTest
    @MethodSource("formats")
    void agreesWithTheIndependentMeter(Encoding encoding) throws Exception {
        assumeTrue(encoding.available(), encoding.unavailableReason());
        Path file = AudioFixtures.speech(dir.resolve(encoding.fileName("speech")), encoding, 8, -23, 3);

        Loudness ffmpeg = meter.measure(file);
        Bs1770.Result independent = Bs1770.measure(file);
        System.out.printf(java.util.Locale.ROOT, "%-34s ebur128 %7.3f LUFS %7.3f dBTP, independent %7.3f LUFS %7.3f dBTP%n",
                encoding.label(), ffmpeg.integratedLufs(), ffmpeg.truePeakDbtp(), independent.integratedLufs(),
                independent.truePeakDbtp());

        assertEquals(independent.integratedLufs(), ffmpeg.integratedLufs(), 0.1, encoding.label());
        assertEquals(independent.truePeakDbtp(), ffmpeg.truePeakDbtp(), 0.2, encoding.label());
    }

    @Test
    void agreesWithTheIndependentMeterOnTheLoudStudioFile() throws Exception {
        Path loud = AudioFixtures.loudStudioFile(dir.resolve("loud.wav"));

        Loudness ffmpeg = meter.measure(loud);
        Bs1770.Result independent = Bs1770.measure(loud);

        assertEquals(independent.integratedLufs(), ffmpeg.integratedLufs(), 0.1);
        assertEquals(independent.truePeakDbtp(), ffmpeg.truePeakDbtp(), 0.2);
    }

    @Test
    void silenceIsSilent() throws Exception {
        Loudness loudness = meter.measure(AudioFixtures.silence(dir.resolve("silence.wav"), 2));

        assertTrue(loudness.isSilent());
        assertEquals(Double.NEGATIVE_INFINITY, loudness.truePeakDbtp());
    }

    /** R128 needs a 400 ms block; a 300 ms chime is measured as if followed by silence up to 0.5 s. */
    @Test
    void aClipShorterThanOneBlockIsMeasured() throws Exception {
        Path chime = AudioFixtures.tone(dir.resolve("chime.wav"), AudioFixtures.WAV_44K_MONO_24, 0.3, 1000, -20);

        Loudness loudness = meter.measure(chime);

        assertEquals(-25.0, loudness.integratedLufs(), 0.5);
    }

    @Test
    void garbageIsRejected() {
        Path garbage = AudioFixtures.garbage(dir.resolve("noise.mp3"), 20_000, 1);

        MediaRejectedException e = assertThrows(MediaRejectedException.class, () -> meter.measure(garbage));

        assertEquals(Reason.UNREADABLE, e.reason());
    }

    @Test
    void aPictureHasNoAudioToMeasure() {
        Path png = TestMedia.image(dir.resolve("poster.png"), 32, 32);

        MediaRejectedException e = assertThrows(MediaRejectedException.class, () -> meter.measure(png));

        assertEquals(Reason.NO_MEDIA_STREAM, e.reason());
    }
}
