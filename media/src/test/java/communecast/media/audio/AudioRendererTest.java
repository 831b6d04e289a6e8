package communecast.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import communecast.media.MediaRejectedException;
import communecast.media.MediaRejectedException.Reason;
import communecast.media.testing.AudioFixtures;
import communecast.media.testing.AudioFixtures.Encoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendition is checked by decoding the written MP3 and measuring it with {@link Bs1770}, the independent
 * meter, never by trusting what the renderer reports.
 */
class AudioRendererTest {

    private static final AudioRenditionSpec DEFAULT = AudioRenditionSpec.broadcastDefault();
    private static final double LOUDNESS_TOLERANCE_LU = 1.0;
    private static final long DURATION_TOLERANCE_MS = 50;

    @TempDir
    static Path dir;

    private static Path quiet;
    private static Path loud;

    private final AudioRenderer renderer = new AudioRenderer();

    @BeforeAll
    static void makeFixtures() {
        quiet = AudioFixtures.quietPhoneRecording(dir.resolve("phone-memo.amr"));
        loud = AudioFixtures.loudStudioFile(dir.resolve("studio-master.wav"));
    }

    @Test
    void theFixturesAreWhatTheirNamesSay() {
        Bs1770.Result phone = Bs1770.measure(quiet);
        assertEquals(-35, phone.integratedLufs(), 1.5, "quiet phone recording: " + phone);
        assertEquals(8_000, phone.sampleRate());
        assertEquals(1, phone.channels());

        Bs1770.Result studio = Bs1770.measure(loud);
        assertEquals(-8, studio.integratedLufs(), 0.5, "loud studio file: " + studio);
        assertTrue(studio.samplePeakDbfs() > -0.5, "peaks near full scale: " + studio);
        assertEquals(48_000, studio.sampleRate());
        assertEquals(2, studio.channels());
    }

    static Stream<Arguments> formats() {
        // Inputs from very quiet to hot, so that gains both ways and the limiter are exercised.
        double[] levels = {-30, -12, -24, -18, -36, -14, -27, -20, -33, -10, -22, -28};
        Encoding[] formats = AudioFixtures.INPUT_FORMATS;
        return java.util.stream.IntStream.range(0, formats.length).mapToObj(i -> Arguments.of(formats[i], levels[i]));
    }

    @ParameterizedTest(name = "{0} at {1} LUFS")
    @MethodSource("formats")
    void everyInputFormatComesOutAtTheTarget(Encoding encoding, double inputLufs) throws Exception {
        assumeTrue(encoding.available(), encoding.unavailableReason());
        Path input = AudioFixtures.speech(dir.resolve(encoding.fileName("speech" + (int) -inputLufs)), encoding, 4, inputLufs, 11);
        Path output = dir.resolve(encoding.extension() + (int) -inputLufs + ".mp3");

        AudioRendition rendition = renderer.render(input, output, DEFAULT, null);

        Bs1770.Result in = Bs1770.measure(input);
        Bs1770.Result out = Bs1770.measure(output);
        report(encoding.label(), in, out);
        assertMeetsSpec(out, DEFAULT);
        assertEquals(in.durationMs(), out.durationMs(), DURATION_TOLERANCE_MS, "duration");
        // What the renderer reports agrees with the independent measurements (0.3 LU: on 4 s of speech, where the
        // 400 ms blocks fall can move a block across the relative gate; see LoudnessMeterTest).
        assertEquals(in.integratedLufs(), rendition.before().integratedLufs(), 0.3, "before");
        assertEquals(out.integratedLufs(), rendition.after().integratedLufs(), 0.3, "after");
        assertEquals(out.truePeakDbtp(), rendition.after().truePeakDbtp(), 0.2, "after, true peak");
        assertEquals(out.durationMs(), rendition.durationMs(), 5);
        assertConstantBitrate(output, out, DEFAULT.bitrateKbps());
        assertFalse(Files.exists(dir.resolve(output.getFileName() + ".part")));
    }

    @Test
    void aQuietPhoneRecordingAndALoudStudioFileComeOutEquallyLoud() throws Exception {
        Path quietOut = dir.resolve("phone-memo.mp3");
        Path loudOut = dir.resolve("studio-master.mp3");

        renderer.render(quiet, quietOut, DEFAULT, null);
        renderer.render(loud, loudOut, DEFAULT, null);

        Bs1770.Result quietResult = Bs1770.measure(quietOut);
        Bs1770.Result loudResult = Bs1770.measure(loudOut);
        report("quiet phone recording", Bs1770.measure(quiet), quietResult);
        report("loud studio file", Bs1770.measure(loud), loudResult);
        assertMeetsSpec(quietResult, DEFAULT);
        assertMeetsSpec(loudResult, DEFAULT);
        assertEquals(quietResult.integratedLufs(), loudResult.integratedLufs(), 1.0, "equally loud");
        assertEquals(Bs1770.measure(quiet).durationMs(), quietResult.durationMs(), DURATION_TOLERANCE_MS);
        assertEquals(Bs1770.measure(loud).durationMs(), loudResult.durationMs(), DURATION_TOLERANCE_MS);
    }

    /** Stereo to stereo, turned down: a constant gain, so the peak-to-loudness ratio is what it was. */
    @Test
    void aStereoSpecKeepsStereoAndTheDynamics() throws Exception {
        AudioRenditionSpec stereo = new AudioRenditionSpec(-16, -1.5, 2, 48_000, 192);
        Path output = dir.resolve("studio-stereo.mp3");

        renderer.render(loud, output, stereo, null);

        Bs1770.Result in = Bs1770.measure(loud);
        Bs1770.Result out = Bs1770.measure(output);
        report("loud studio file, stereo 48 kHz", in, out);
        assertMeetsSpec(out, stereo);
        assertEquals(in.truePeakDbtp() - in.integratedLufs(), out.truePeakDbtp() - out.integratedLufs(), 0.5,
                "peak-to-loudness ratio");
        assertConstantBitrate(output, out, 192);
    }

    @Test
    void aMonoInputPlaysOnBothChannelsOfAStereoRendition() throws Exception {
        AudioRenditionSpec stereo = new AudioRenditionSpec(-16, -1.5, 2, 44_100, 128);
        Path output = dir.resolve("phone-stereo.mp3");

        renderer.render(quiet, output, stereo, null);

        assertMeetsSpec(Bs1770.measure(output), stereo);
    }

    @Test
    void anotherTargetIsMetToo() throws Exception {
        AudioRenditionSpec quieter = new AudioRenditionSpec(-23, -3, 1, 22_050, 64);
        Path output = dir.resolve("studio-23.mp3");

        renderer.render(loud, output, quieter, null);

        assertMeetsSpec(Bs1770.measure(output), quieter);
    }

    @Test
    void progressRisesToOne() throws Exception {
        List<Double> seen = new ArrayList<>();

        renderer.render(quiet, dir.resolve("progress.mp3"), DEFAULT, seen::add);

        assertTrue(seen.size() >= 10, "reported " + seen.size() + " times");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "went back at " + i + ": " + seen);
        }
        assertEquals(1.0, seen.get(seen.size() - 1));
    }

    /** A job cancelled by interrupting its thread stops at the next decoded frame and leaves no file. */
    @Test
    void anInterruptedRenderStopsAndLeavesNothing() {
        Path output = dir.resolve("interrupted.mp3");
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> renderer.render(loud, output, DEFAULT, null));
        } finally {
            Thread.interrupted();
        }
        assertFalse(Files.exists(output));
        assertFalse(Files.exists(dir.resolve("interrupted.mp3.part")));
    }

    /** The encoders' own change of level is measured on a tone, and the calibration file does not stay behind. */
    @Test
    void theEncodersLevelChangeIsCalibrated() throws Exception {
        Path work = Files.createDirectory(dir.resolve("calibration"));

        double at128 = Normaliser.codecGainDb(DEFAULT.target(), work);
        double at320 = Normaliser.codecGainDb(new AudioRenditionSpec(-16, -1.5, 1, 44_100, 320).target(), work);

        double aac = Normaliser.codecGainDb(SoundTarget.aac(-16, -1.5, 2, 44_100, 128), work);

        System.out.printf(Locale.ROOT, "libmp3lame level change: %+.3f dB at 128 kbit/s, %+.3f dB at 320 kbit/s;"
                + " aac (the LED videos' sound) %+.3f dB at 128 kbit/s stereo%n", at128, at320, aac);
        assertTrue(Math.abs(at128) < 1 && Math.abs(at320) < 1 && Math.abs(aac) < 1);
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void silenceIsRejectedNotAmplified() {
        Path output = dir.resolve("silence.mp3");

        MediaRejectedException e = assertThrows(MediaRejectedException.class,
                () -> renderer.render(AudioFixtures.silence(dir.resolve("silence.wav"), 3), output, DEFAULT, null));

        assertEquals(Reason.TOO_QUIET, e.reason());
        assertTrue(e.getMessage().contains("silent"), e.getMessage());
        assertFalse(Files.exists(output));
    }

    /** About −60 LUFS: it would need 44 dB, more than the 40 dB allowed. */
    @Test
    void nearSilenceIsRejectedNotAmplified() {
        Path hum = AudioFixtures.tone(dir.resolve("hum.wav"), AudioFixtures.WAV_44K_MONO_24, 3, 1000, -57);
        Path output = dir.resolve("hum.mp3");

        MediaRejectedException e = assertThrows(MediaRejectedException.class,
                () -> renderer.render(hum, output, DEFAULT, null));

        assertEquals(Reason.TOO_QUIET, e.reason());
        assertTrue(e.getMessage().contains("-60.0 LUFS") && e.getMessage().contains("+44.0 dB"), e.getMessage());
        assertFalse(Files.exists(output));
    }

    static Stream<Arguments> corruptions() {
        List<Arguments> cases = new ArrayList<>();
        for (Encoding encoding : AudioFixtures.INPUT_FORMATS) {
            cases.add(Arguments.of(encoding, "garbage"));
            // Raw AMR declares no length: cut at a frame boundary it is a valid shorter recording.
            if (encoding != AudioFixtures.AMR_NB) {
                cases.add(Arguments.of(encoding, "cut in half"));
            }
            // PCM has no structure to break: random samples are loud noise, not damage FFmpeg can see.
            if (!encoding.extension().equals("wav")) {
                cases.add(Arguments.of(encoding, "garbled after its header"));
            }
        }
        return cases.stream();
    }

    /** What staff must read for each damage: that it is not media, cut short, or damaged (not just "error"). */
    private static final Map<String, String> SAYS_WHAT_IS_WRONG = Map.of(
            "garbage", "not a media file FFmpeg can read: .+",
            "cut in half", ".*(truncated|cut short|cut off).*",
            "garbled after its header", ".*(damaged|truncated|no audio frame could be decoded|not a media file).*");

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("corruptions")
    void corruptInputsAreRejectedWithAReason(Encoding encoding, String damage) throws Exception {
        assumeTrue(encoding.available(), encoding.unavailableReason());
        String stem = encoding.extension() + "-" + damage.replace(' ', '-');
        Path good = AudioFixtures.speech(dir.resolve(encoding.fileName(stem + "-good")), encoding, 2, -20, 5);
        Path bad = dir.resolve(encoding.fileName(stem));
        switch (damage) {
            case "garbage" -> AudioFixtures.garbage(bad, (int) Files.size(good), 7);
            case "cut in half" -> AudioFixtures.truncated(good, bad, 0.5);
            default -> AudioFixtures.garbledAfterHeader(good, bad, Math.min(4096, (int) Files.size(good) / 10), 9);
        }
        Path output = dir.resolve(stem + "-rendition.mp3");

        MediaRejectedException e = assertThrows(MediaRejectedException.class,
                () -> renderer.render(bad, output, DEFAULT, null), "accepted " + encoding + ", " + damage);

        System.out.printf(Locale.ROOT, "rejected %-34s %-25s %s: %s%n", encoding.label(), damage, e.reason(), e.getMessage());
        assertTrue(Set.of(Reason.UNREADABLE, Reason.UNDECODABLE).contains(e.reason()), e.reason() + ": " + e.getMessage());
        assertTrue(e.getMessage().matches(SAYS_WHAT_IS_WRONG.get(damage)), "not precise for " + damage + ": " + e.getMessage());
        assertFalse(Files.exists(output));
        assertFalse(Files.exists(dir.resolve(output.getFileName() + ".part")));
    }

    @Test
    void specsOutsideWhatMp3CanCarryAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AudioRenditionSpec(-16, -1.5, 3, 44_100, 128));
        assertThrows(IllegalArgumentException.class, () -> new AudioRenditionSpec(-16, -1.5, 1, 96_000, 128));
        assertThrows(IllegalArgumentException.class, () -> new AudioRenditionSpec(-16, -1.5, 1, 22_050, 320));
        assertThrows(IllegalArgumentException.class, () -> new AudioRenditionSpec(-16, 1, 1, 44_100, 128));
        assertEquals(new AudioRenditionSpec(-16, -1.5, 1, 44_100, 128), AudioRenditionSpec.broadcastDefault());
    }

    private static void assertMeetsSpec(Bs1770.Result out, AudioRenditionSpec spec) {
        assertEquals(spec.targetLufs(), out.integratedLufs(), LOUDNESS_TOLERANCE_LU, "integrated loudness: " + out);
        assertTrue(out.truePeakDbtp() <= spec.maxTruePeakDbtp(), "true peak over " + spec.maxTruePeakDbtp() + ": " + out);
        assertEquals(spec.channels(), out.channels(), "channels");
        assertEquals(spec.sampleRate(), out.sampleRate(), "sample rate");
    }

    /** A constant-bitrate MP3 is bitrate × duration long, give or take its tags and last frame. */
    private static void assertConstantBitrate(Path mp3, Bs1770.Result out, int kbps) throws Exception {
        double expected = kbps * 1000 / 8.0 * out.durationMs() / 1000;
        assertEquals(expected, Files.size(mp3), expected * 0.1 + 2000, "file size of " + kbps + " kbit/s");
    }

    private static void report(String what, Bs1770.Result in, Bs1770.Result out) {
        System.out.printf(Locale.ROOT, "%-34s in %7.2f LUFS %6.2f dBTP %5d ms -> out %7.2f LUFS %6.2f dBTP %5d ms%n",
                what, in.integratedLufs(), in.truePeakDbtp(), in.durationMs(), out.integratedLufs(), out.truePeakDbtp(),
                out.durationMs());
    }
}
