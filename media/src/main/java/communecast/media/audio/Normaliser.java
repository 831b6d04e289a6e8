package communecast.media.audio;

import communecast.media.MediaInfo;
import communecast.media.MediaProbe;
import communecast.media.MediaRejectedException;
import communecast.media.MediaRejectedException.Reason;
import communecast.media.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Finds the filter chain that brings an input's sound to a {@link SoundTarget}: loudness per EBU R128, true peak
 * under a ceiling, in the target's channels and rate. The radio's MP3 and the LED videos' AAC both go through it.
 *
 * <p>How, in passes over the decoded audio:
 * <ol>
 * <li><b>Measure.</b> FFmpeg's {@code ebur128} measures the input as uploaded (reported as {@code before}) and,
 *     in the same decoding, the input already converted to the target's channels and rate: the gain must be
 *     right for what is encoded, and a stereo-to-mono downmix changes loudness by 0 to −3 LU depending on how
 *     alike the channels are.</li>
 * <li><b>Gain.</b> One constant gain, {@code target − measured}, applied with {@code volume}: it keeps the
 *     dynamics of speech and music as they were. Only when that gain would lift the true peak over the ceiling
 *     does a limiter follow: {@code alimiter} (5 ms look-ahead, 100 ms release, its delay compensated) running at
 *     four times the rate, so that it catches peaks between the samples too, its ceiling
 *     {@value #CODEC_HEADROOM_DB} dB under the target's limit as room for what lossy encoding adds to peaks.
 *     Limiting takes loudness away, so with the limiter the gain is then found by trial passes that run the chain
 *     and measure its output without encoding (secant steps, at most {@value #MAX_TRIALS}), until the result is
 *     within {@value #TRIAL_TOLERANCE_LU} LU of the target.</li>
 * </ol>
 * The encoder's own change of level ({@link #codecGainDb}) is made up in the gain, so that one encoding normally
 * lands on the target; {@link Normalisation#corrected} says how to encode again when it did not.
 *
 * <p>FFmpeg's {@code loudnorm} is not used: in its linear mode it refuses exactly the case that needs care (a gain
 * that would push the peaks over the ceiling) and falls back to its dynamic mode, which rides the gain over 3 s
 * windows, changes the dynamics, drifts on short clips and resamples to 192 kHz.
 *
 * <p>Silence and near-silence are rejected ({@link Reason#TOO_QUIET}) rather than amplified: a file with no
 * 400 ms block above R128's −70 LUFS gate has no loudness to normalise, and one that would need more than
 * {@value #MAX_GAIN_DB} dB of gain would broadcast mostly its own noise floor. Material whose peaks stand more
 * than about 26 dB over its loudness cannot reach the target without more than {@value #MAX_LIMITING_DB} dB of
 * limiting; it is brought as close as that allows. Thread-safe.
 */
public final class Normaliser {

    /** Most gain applied; an input quieter than {@code target − MAX_GAIN_DB} is rejected as too quiet. */
    public static final double MAX_GAIN_DB = 40;
    /** The limiter's ceiling sits this far under the target's true-peak limit: lossy encoding raises peaks. */
    public static final double CODEC_HEADROOM_DB = 0.5;
    /** How far past the plain normalising gain the search may drive the signal into the limiter. */
    public static final double MAX_LIMITING_DB = 12;
    static final int MAX_TRIALS = 4;
    static final double TRIAL_TOLERANCE_LU = 0.15;
    /** Limiter look-ahead and release, in milliseconds. */
    private static final double ATTACK_MS = 5;
    private static final double RELEASE_MS = 100;
    private static final int OVERSAMPLING = 4;

    private final MediaProbe probe;

    public Normaliser(MediaProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /**
     * What the chain must deliver before encoding: the target loudness and the limiter's ceiling, both moved by
     * what the encoder itself does to the level (see {@link #codecGainDb}).
     */
    record Goal(double targetLufs, double ceilingDbtp, double codecGainDb) {
        static Goal of(SoundTarget target, double codecGainDb) {
            return new Goal(target.targetLufs() - codecGainDb,
                    target.maxTruePeakDbtp() - CODEC_HEADROOM_DB - codecGainDb, codecGainDb);
        }
    }

    /** The gain and, if a limiter is needed, its ceiling (NaN without one). */
    record Plan(double gainDb, double limiterCeilingDbtp) {
        boolean limits() {
            return !Double.isNaN(limiterCeilingDbtp);
        }

        /** The same plan with another gain, and the limiter if that gain now needs it. */
        Plan withGain(double gain, Loudness converted, Goal goal) {
            double ceiling = limits() ? limiterCeilingDbtp : goal.ceilingDbtp();
            boolean limit = limits() || converted.truePeakDbtp() + gain > ceiling;
            return new Plan(gain, limit ? ceiling : Double.NaN);
        }
    }

    /**
     * Measures the input and finds the chain for the target. Progress: 0..1 of this work (a measuring pass, and the
     * trial passes when the limiter is needed).
     *
     * @param workDir where the encoder's calibration writes its few-kilobyte test file, the first time only
     * @throws MediaRejectedException the input's sound cannot be decoded, or is silent or too quiet (TOO_QUIET)
     */
    public Normalisation normalise(Path input, SoundTarget target, Path workDir, ProgressListener progress)
            throws MediaRejectedException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(target, "target");
        Progress stages = new Progress(progress);
        Measured measured = measure(input, target, stages.pass(0, 0.55));
        Loudness converted = measured.converted();
        Plan plan = plan(target, converted);
        Goal goal = Goal.of(target, codecGainDb(target, workDir));
        plan = plan.withGain(plan.gainDb() - goal.codecGainDb(), converted, goal);
        // {gain, loudness it gave before encoding}, to learn how the loudness follows the gain through the limiter.
        List<double[]> tried = new ArrayList<>();
        double step = 0.45 / MAX_TRIALS;
        for (int trial = 0; plan.limits() && trial < MAX_TRIALS; trial++) {
            Loudness result = trial(input, measured.info(), target, plan,
                    stages.pass(0.55 + trial * step, 0.55 + (trial + 1) * step));
            tried.add(new double[] {plan.gainDb(), result.integratedLufs()});
            double gain = nextGain(goal, converted, plan, result.integratedLufs(), tried, TRIAL_TOLERANCE_LU);
            if (Double.isNaN(gain)) {
                break;
            }
            plan = plan.withGain(gain, converted, goal);
        }
        stages.done();
        return new Normalisation(target, measured.info(), measured.before(), converted, goal, plan, tried);
    }

    private record Measured(MediaInfo info, Loudness before, Loudness converted) {
    }

    /** Pass 1: the input's own loudness and that of the input converted to the target's format. */
    private Measured measure(Path input, SoundTarget target, ProgressListener progress) throws MediaRejectedException {
        try (AudioInput audio = AudioInput.open(input, probe, progress);
             Ebur128 asIs = new Ebur128(audio.channels(), audio.sampleRate(), "");
             Ebur128 converted = new Ebur128(audio.channels(), audio.sampleRate(), target.conversion())) {
            for (FloatBuffer samples; (samples = audio.next()) != null; ) {
                asIs.push(samples);
                converted.push(samples);
            }
            return new Measured(audio.info(), asIs.finish(), converted.finish());
        } catch (FrameFilter.Exception e) {
            throw AudioInput.filterFailed(e);
        }
    }

    /** The plain normalising gain, or the reason there is none. */
    static Plan plan(SoundTarget target, Loudness converted) throws MediaRejectedException {
        if (converted.isSilent()) {
            throw new MediaRejectedException(Reason.TOO_QUIET, "the audio is silent: no 400 ms stretch of it is louder"
                    + " than the -70 LUFS gate of EBU R128, so there is nothing to broadcast");
        }
        double gain = target.targetLufs() - converted.integratedLufs();
        if (gain > MAX_GAIN_DB) {
            throw new MediaRejectedException(Reason.TOO_QUIET, String.format(Locale.ROOT,
                    "the audio is too quiet to broadcast: at %.1f LUFS it would need %+.1f dB of gain to reach %.1f LUFS,"
                            + " more than the %.0f dB allowed, and its noise would be amplified with it",
                    converted.integratedLufs(), gain, target.targetLufs(), MAX_GAIN_DB));
        }
        return new Plan(gain, Double.NaN);
    }

    /**
     * The gain to try next when {@code resultLufs} (measured before encoding) missed the goal by more than
     * {@code tolerance}, or NaN. It moves by the miss divided by how much the loudness followed the gain so far
     * (secant; 1 LU per dB without the limiter, assumed 0.75 with it until two results tell), and never more than
     * {@value #MAX_LIMITING_DB} dB past the plain normalising gain.
     *
     * @param tried {gain, loudness it gave} so far, in order
     */
    static double nextGain(Goal goal, Loudness converted, Plan plan, double resultLufs, List<double[]> tried,
                           double tolerance) {
        double miss = goal.targetLufs() - resultLufs;
        if (Math.abs(miss) <= tolerance || !Double.isFinite(miss)) {
            return Double.NaN;
        }
        double slope = plan.limits() ? 0.75 : 1;
        if (tried.size() >= 2) {
            double[] before = tried.get(tried.size() - 2);
            double[] last = tried.get(tried.size() - 1);
            double measuredSlope = (last[1] - before[1]) / (last[0] - before[0]);
            if (Double.isFinite(measuredSlope)) {
                slope = Math.max(0.1, Math.min(1, measuredSlope));
            }
        }
        double plain = goal.targetLufs() - converted.integratedLufs();
        double gain = Math.min(plan.gainDb() + miss / slope, plain + MAX_LIMITING_DB);
        return Math.abs(gain - plan.gainDb()) < 0.05 ? Double.NaN : gain;
    }

    private static final Map<SoundTarget, Double> CODEC_GAINS = new ConcurrentHashMap<>();

    /**
     * How much the target's encoder changes the level at its rate, channels and bitrate, in dB: measured once per
     * setting by encoding two seconds of a 1 kHz tone. This build's LAME turns the level down by about 0.44 dB at
     * 96–160 kbit/s, less at 64 and 192, not at all from 256 up; the gain is raised by as much beforehand so that one
     * encoding lands on the target.
     */
    static double codecGainDb(SoundTarget target, Path workDir) {
        SoundTarget key = new SoundTarget(-16, -1, target.channels(), target.sampleRate(), target.bitrateKbps(),
                target.codec());
        Double known = CODEC_GAINS.get(key);
        if (known != null) {
            return known;
        }
        FloatBuffer tone = tone(target);
        Path file = null;
        try {
            file = Files.createTempFile(workDir, ".codec-level-", "." + target.codec().name().toLowerCase(Locale.ROOT));
            FFmpegFrameRecorder recorder = target.recorder(file);
            try {
                recorder.start();
                recorder.recordSamples(target.sampleRate(), target.channels(), tone);
                recorder.stop();
            } finally {
                recorder.release();
            }
            Loudness encoded = new LoudnessMeter().measure(file);
            Loudness original;
            try (Ebur128 pcm = new Ebur128(target.channels(), target.sampleRate(), "")) {
                pcm.push(tone.rewind());
                original = pcm.finish();
            }
            double gain = encoded.integratedLufs() - original.integratedLufs();
            if (!Double.isFinite(gain) || Math.abs(gain) > 3) {
                throw new IllegalStateException(target.codec().encoder() + " changed a test tone's level by " + gain + " dB");
            }
            CODEC_GAINS.put(key, gain);
            return gain;
        } catch (FrameRecorder.Exception | FrameFilter.Exception | MediaRejectedException e) {
            throw new IllegalStateException("cannot calibrate " + target.codec().encoder() + " at " + key + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + workDir + ": " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // A stray hidden file of a few kilobytes.
                }
            }
        }
    }

    /** Two seconds of a 1 kHz tone at −20 dBFS, in every channel. */
    private static FloatBuffer tone(SoundTarget target) {
        int frames = 2 * target.sampleRate();
        FloatBuffer tone = FloatBuffer.allocate(frames * target.channels());
        for (int i = 0; i < frames; i++) {
            float v = (float) (0.1 * Math.sin(2 * Math.PI * 1000 * i / target.sampleRate()));
            for (int c = 0; c < target.channels(); c++) {
                tone.put(v);
            }
        }
        return tone.flip();
    }

    static String chain(SoundTarget target, Plan plan) {
        StringBuilder chain = new StringBuilder(target.conversion());
        chain.append(String.format(Locale.ROOT, ",volume=%.4fdB:precision=float", plan.gainDb()));
        if (plan.limits()) {
            chain.append(",aresample=").append(target.sampleRate() * OVERSAMPLING);
            chain.append(String.format(Locale.ROOT,
                    ",alimiter=limit=%.6f:attack=%.1f:release=%.1f:level=false:latency=true:asc=false",
                    Math.pow(10, plan.limiterCeilingDbtp() / 20), ATTACK_MS, RELEASE_MS));
            chain.append(",aresample=").append(target.sampleRate());
        }
        return chain.append(',').append(target.format()).toString();
    }

    /** What receives the chain's output: interleaved float in the target's channels and rate. */
    @FunctionalInterface
    public interface Sink {
        void accept(FloatBuffer samples) throws FrameFilter.Exception, FrameRecorder.Exception;
    }

    /**
     * A started filter that runs chain on interleaved float of the given channels and rate. Push buffers from
     * position 0: JavaCV's {@code pushSamples} reads a buffer's position as bytes.
     */
    public static FFmpegFrameFilter filter(String chain, int channels, int sampleRate) throws FrameFilter.Exception {
        FFmpegFrameFilter filter = new FFmpegFrameFilter(null, chain, 0, 0, channels);
        filter.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
        filter.setSampleRate(sampleRate);
        filter.start();
        return filter;
    }

    /** Hands what the filter has ready to the sink, until it has no more. */
    public static void drain(FFmpegFrameFilter filter, Sink sink) throws FrameFilter.Exception, FrameRecorder.Exception {
        for (Frame out; (out = filter.pullSamples()) != null; ) {
            sink.accept((FloatBuffer) out.samples[0]);
        }
    }

    /** Decodes the input through the chain for the plan into the sink. */
    static void run(Path input, MediaInfo info, SoundTarget target, Plan plan, ProgressListener progress, Sink sink)
            throws MediaRejectedException, FrameFilter.Exception, FrameRecorder.Exception {
        try (AudioInput audio = AudioInput.open(input, info, progress)) {
            FFmpegFrameFilter filter = filter(chain(target, plan), audio.channels(), audio.sampleRate());
            try {
                for (FloatBuffer samples; (samples = audio.next()) != null; ) {
                    filter.pushSamples(0, audio.channels(), audio.sampleRate(), avutil.AV_SAMPLE_FMT_FLT, samples);
                    drain(filter, sink);
                }
                filter.push(null);
                drain(filter, sink);
            } finally {
                release(filter);
            }
        }
    }

    public static void release(FFmpegFrameFilter filter) {
        try {
            filter.release();
        } catch (FrameFilter.Exception ignored) {
            // Freeing the graph changes nothing already written or measured.
        }
    }

    /** A trial pass: the loudness the chain gives, without encoding. */
    private static Loudness trial(Path input, MediaInfo info, SoundTarget target, Plan plan, ProgressListener progress)
            throws MediaRejectedException {
        try (Ebur128 result = new Ebur128(target.channels(), target.sampleRate(), "")) {
            run(input, info, target, plan, progress, result::push);
            return result.finish();
        } catch (FrameFilter.Exception | FrameRecorder.Exception e) {
            throw AudioInput.filterFailed(e);
        }
    }
}
