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
import java.nio.file.StandardCopyOption;
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
 * Renders an upload into the broadcast MP3: loudness-normalised per EBU R128, true peak under a ceiling, in the
 * rendition's channels and rate, at a constant bitrate.
 *
 * <p>How, in passes over the decoded audio:
 * <ol>
 * <li><b>Measure.</b> FFmpeg's {@code ebur128} measures the input as uploaded (reported as {@code before}) and,
 *     in the same decoding, the input already converted to the rendition's channels and rate: the gain must be
 *     right for what is encoded, and a stereo-to-mono downmix changes loudness by 0 to −3 LU depending on how
 *     alike the channels are.</li>
 * <li><b>Gain.</b> One constant gain, {@code target − measured}, applied with {@code volume}: it keeps the
 *     dynamics of speech and music as they were. Only when that gain would lift the true peak over the ceiling
 *     does a limiter follow: {@code alimiter} (5 ms look-ahead, 100 ms release, its delay compensated) running at
 *     four times the rate, so that it catches peaks between the samples too, its ceiling
 *     {@value #CODEC_HEADROOM_DB} dB under the rendition's limit as room for what MP3 encoding adds to peaks.
 *     Limiting takes loudness away, so with the limiter the gain is then found by trial passes that run the chain
 *     and measure its output without encoding (secant steps, at most {@value #MAX_TRIALS}), until the result is
 *     within {@value #TRIAL_TOLERANCE_LU} LU of the target.</li>
 * <li><b>Encode and verify.</b> The chain is encoded with libmp3lame, and the written MP3 is decoded and measured
 *     again; that measurement is {@code after}. This build's LAME turns the level down by about 0.44 dB at the
 *     usual bitrates: that is measured once per rate, channels and bitrate on a test tone ({@link #codecGainDb})
 *     and made up in the gain, so that one encoding normally lands on the target. If the file still missed it by
 *     more than {@value #LOUDNESS_TOLERANCE_LU} LU (MP3 drops the top of the spectrum, which costs bright music
 *     some loudness) or its true peak is over the limit, it is encoded once more, corrected by the miss.</li>
 * </ol>
 * FFmpeg's {@code loudnorm} is not used: in its linear mode it refuses exactly the case that needs care (a gain
 * that would push the peaks over the ceiling) and falls back to its dynamic mode, which rides the gain over 3 s
 * windows, changes the dynamics, drifts on short clips and resamples to 192 kHz.
 *
 * <p>Silence and near-silence are rejected ({@link Reason#TOO_QUIET}) rather than amplified: a file with no
 * 400 ms block above R128's −70 LUFS gate has no loudness to normalise, and one that would need more than
 * {@value #MAX_GAIN_DB} dB of gain would broadcast mostly its own noise floor. Material whose peaks stand more
 * than about 26 dB over its loudness cannot reach the target without more than {@value #MAX_LIMITING_DB} dB of
 * limiting; it is rendered as close as that allows, and {@code after} says how close.
 *
 * <p>The MP3 is written next to {@code outputMp3} under a temporary name and moved into place only when done, so a
 * failed or interrupted render leaves no partial file. An interrupted thread ends the render with a
 * {@link java.util.concurrent.CancellationException}. Failures to write the output (a full disk) are
 * {@link UncheckedIOException}s: they are not the upload's fault. Thread-safe.
 */
public final class AudioRenderer {

    /** Most gain applied; an input quieter than {@code target − MAX_GAIN_DB} is rejected as too quiet. */
    public static final double MAX_GAIN_DB = 40;
    /** The limiter's ceiling sits this far under the rendition's true-peak limit: MP3 encoding raises peaks. */
    public static final double CODEC_HEADROOM_DB = 0.5;
    /** A written MP3 that misses the target loudness by more than this is encoded once more, corrected. */
    public static final double LOUDNESS_TOLERANCE_LU = 0.3;
    /** How far past the plain normalising gain the search may drive the signal into the limiter. */
    public static final double MAX_LIMITING_DB = 12;
    static final int MAX_TRIALS = 4;
    static final double TRIAL_TOLERANCE_LU = 0.15;
    /** Limiter look-ahead and release, in milliseconds. */
    private static final double ATTACK_MS = 5;
    private static final double RELEASE_MS = 100;
    private static final int OVERSAMPLING = 4;

    private final MediaProbe probe;
    private final LoudnessMeter meter;

    public AudioRenderer() {
        this(new MediaProbe());
    }

    public AudioRenderer(MediaProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.meter = new LoudnessMeter(probe);
    }

    /**
     * What the chain must deliver before encoding: the target loudness and the limiter's ceiling, both moved by
     * what the encoder itself does to the level (see {@link #codecGainDb}).
     */
    record Goal(double targetLufs, double ceilingDbtp, double codecGainDb) {
        static Goal of(AudioRenditionSpec spec, double codecGainDb) {
            return new Goal(spec.targetLufs() - codecGainDb, spec.maxTruePeakDbtp() - CODEC_HEADROOM_DB - codecGainDb,
                    codecGainDb);
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

    private record Measured(MediaInfo info, Loudness before, Loudness converted) {
    }

    public AudioRendition render(Path input, Path outputMp3, AudioRenditionSpec spec, ProgressListener progress)
            throws MediaRejectedException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(outputMp3, "outputMp3");
        Objects.requireNonNull(spec, "spec");
        Progress stages = new Progress(progress);
        Measured measured = measure(input, spec, stages.pass(0, 0.25));
        Loudness converted = measured.converted();
        Plan plan = plan(spec, converted);
        Goal goal = Goal.of(spec, codecGainDb(spec, outputMp3.toAbsolutePath().getParent()));
        plan = plan.withGain(plan.gainDb() - goal.codecGainDb(), converted, goal);
        // {gain, loudness it gave before encoding}, to learn how the loudness follows the gain through the limiter.
        List<double[]> tried = new ArrayList<>();
        double step = 0.2 / MAX_TRIALS;
        for (int trial = 0; plan.limits() && trial < MAX_TRIALS; trial++) {
            Loudness result = trial(input, measured.info(), spec, plan,
                    stages.pass(0.25 + trial * step, 0.25 + (trial + 1) * step));
            tried.add(new double[] {plan.gainDb(), result.integratedLufs()});
            double gain = nextGain(goal, converted, plan, result.integratedLufs(), tried, TRIAL_TOLERANCE_LU);
            if (Double.isNaN(gain)) {
                break;
            }
            plan = plan.withGain(gain, converted, goal);
        }
        Path part = outputMp3.resolveSibling(outputMp3.getFileName() + ".part");
        try {
            encode(input, measured.info(), part, spec, plan, stages.pass(0.45, 0.85));
            LoudnessMeter.Measured written = verify(part, stages.pass(0.85, 0.9));
            Plan corrected = correct(spec, goal, converted, plan, written.loudness(), tried);
            if (corrected != null) {
                encode(input, measured.info(), part, spec, corrected, stages.pass(0.9, 0.97));
                written = verify(part, stages.pass(0.97, 0.99));
            }
            Files.move(part, outputMp3, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            stages.done();
            return new AudioRendition(measured.before(), written.loudness(), written.durationMicros() / 1000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outputMp3 + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // Left behind only if the directory became unwritable; the next render replaces it.
            }
        }
    }

    /** Pass 1: the input's own loudness and that of the input converted to the rendition's format. */
    private Measured measure(Path input, AudioRenditionSpec spec, ProgressListener progress) throws MediaRejectedException {
        try (AudioInput audio = AudioInput.open(input, probe, progress);
             Ebur128 asIs = new Ebur128(audio.channels(), audio.sampleRate(), "");
             Ebur128 converted = new Ebur128(audio.channels(), audio.sampleRate(), conversion(spec))) {
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
    static Plan plan(AudioRenditionSpec spec, Loudness converted) throws MediaRejectedException {
        if (converted.isSilent()) {
            throw new MediaRejectedException(Reason.TOO_QUIET, "the audio is silent: no 400 ms stretch of it is louder"
                    + " than the -70 LUFS gate of EBU R128, so there is nothing to broadcast");
        }
        double gain = spec.targetLufs() - converted.integratedLufs();
        if (gain > MAX_GAIN_DB) {
            throw new MediaRejectedException(Reason.TOO_QUIET, String.format(Locale.ROOT,
                    "the audio is too quiet to broadcast: at %.1f LUFS it would need %+.1f dB of gain to reach %.1f LUFS,"
                            + " more than the %.0f dB allowed, and its noise would be amplified with it",
                    converted.integratedLufs(), gain, spec.targetLufs(), MAX_GAIN_DB));
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

    /** The plan for a second encoding if the written MP3 missed the spec, or null if it is good. */
    static Plan correct(AudioRenditionSpec spec, Goal goal, Loudness converted, Plan plan, Loudness written,
                        List<double[]> tried) {
        // What the encoder did beyond its calibrated gain shows as a miss of the goal before encoding.
        double beforeEncoding = written.integratedLufs() - goal.codecGainDb();
        double gain = Math.abs(spec.targetLufs() - written.integratedLufs()) <= LOUDNESS_TOLERANCE_LU ? Double.NaN
                : nextGain(goal, converted, plan, beforeEncoding, append(tried, plan.gainDb(), beforeEncoding), 0);
        boolean peakOver = written.truePeakDbtp() > spec.maxTruePeakDbtp();
        if (Double.isNaN(gain) && !peakOver) {
            return null;
        }
        Plan next = plan.withGain(Double.isNaN(gain) ? plan.gainDb() : gain, converted, goal);
        if (peakOver) {
            double ceiling = (next.limits() ? next.limiterCeilingDbtp() : goal.ceilingDbtp())
                    - (written.truePeakDbtp() - spec.maxTruePeakDbtp()) - 0.2;
            next = new Plan(next.gainDb(), ceiling);
        }
        return next;
    }

    private static List<double[]> append(List<double[]> tried, double gain, double lufs) {
        List<double[]> all = new ArrayList<>(tried);
        all.add(new double[] {gain, lufs});
        return all;
    }

    private static final Map<String, Double> CODEC_GAINS = new ConcurrentHashMap<>();

    /**
     * How much libmp3lame changes the level at the rendition's rate, channels and bitrate, in dB: measured once per
     * setting by encoding two seconds of a 1 kHz tone. This build's LAME turns the level down by about 0.44 dB at
     * 96–160 kbit/s, less at 64 and 192, not at all from 256 up; the gain is raised by as much beforehand so that one
     * encoding lands on the target.
     */
    static double codecGainDb(AudioRenditionSpec spec, Path workDir) {
        String key = spec.sampleRate() + "/" + spec.channels() + "/" + spec.bitrateKbps();
        Double known = CODEC_GAINS.get(key);
        if (known != null) {
            return known;
        }
        int frames = 2 * spec.sampleRate();
        FloatBuffer tone = FloatBuffer.allocate(frames * spec.channels());
        for (int i = 0; i < frames; i++) {
            float v = (float) (0.1 * Math.sin(2 * Math.PI * 1000 * i / spec.sampleRate()));
            for (int c = 0; c < spec.channels(); c++) {
                tone.put(v);
            }
        }
        tone.flip();
        Path file = null;
        try {
            file = Files.createTempFile(workDir, ".lame-level-", ".mp3");
            FFmpegFrameRecorder recorder = recorder(file, spec);
            try {
                recorder.start();
                recorder.recordSamples(spec.sampleRate(), spec.channels(), tone);
                recorder.stop();
            } finally {
                recorder.release();
            }
            Loudness encoded = new LoudnessMeter().measure(file);
            Loudness original;
            try (Ebur128 pcm = new Ebur128(spec.channels(), spec.sampleRate(), "")) {
                pcm.push(tone);
                original = pcm.finish();
            }
            double gain = encoded.integratedLufs() - original.integratedLufs();
            if (!Double.isFinite(gain) || Math.abs(gain) > 3) {
                throw new IllegalStateException("libmp3lame changed a test tone's level by " + gain + " dB");
            }
            CODEC_GAINS.put(key, gain);
            return gain;
        } catch (FrameRecorder.Exception | FrameFilter.Exception | MediaRejectedException e) {
            throw new IllegalStateException("cannot calibrate libmp3lame at " + key + ": " + e.getMessage(), e);
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

    private static FFmpegFrameRecorder recorder(Path output, AudioRenditionSpec spec) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output.toFile(), spec.channels());
        recorder.setFormat("mp3");
        recorder.setAudioCodecName("libmp3lame");
        recorder.setSampleRate(spec.sampleRate());
        recorder.setAudioChannels(spec.channels());
        recorder.setAudioBitrate(spec.bitrateKbps() * 1000);
        return recorder;
    }

    /** Filters that bring any input to the rendition's rate and channels, as 32-bit float. */
    private static String conversion(AudioRenditionSpec spec) {
        return "aresample=" + spec.sampleRate() + "," + format(spec);
    }

    private static String format(AudioRenditionSpec spec) {
        return "aformat=sample_fmts=flt:sample_rates=" + spec.sampleRate()
                + ":channel_layouts=" + (spec.channels() == 1 ? "mono" : "stereo");
    }

    static String chain(AudioRenditionSpec spec, Plan plan) {
        StringBuilder chain = new StringBuilder(conversion(spec));
        chain.append(String.format(Locale.ROOT, ",volume=%.4fdB:precision=float", plan.gainDb()));
        if (plan.limits()) {
            chain.append(",aresample=").append(spec.sampleRate() * OVERSAMPLING);
            chain.append(String.format(Locale.ROOT,
                    ",alimiter=limit=%.6f:attack=%.1f:release=%.1f:level=false:latency=true:asc=false",
                    Math.pow(10, plan.limiterCeilingDbtp() / 20), ATTACK_MS, RELEASE_MS));
            chain.append(",aresample=").append(spec.sampleRate());
        }
        return chain.append(',').append(format(spec)).toString();
    }

    @FunctionalInterface
    private interface Sink {
        void accept(FloatBuffer samples) throws FrameFilter.Exception, FrameRecorder.Exception;
    }

    /** Decodes the input through the chain for the plan into the sink. */
    private static void run(Path input, MediaInfo info, AudioRenditionSpec spec, Plan plan, ProgressListener progress,
                            Sink sink) throws MediaRejectedException, FrameFilter.Exception, FrameRecorder.Exception {
        try (AudioInput audio = AudioInput.open(input, info, progress)) {
            FFmpegFrameFilter filter = new FFmpegFrameFilter(null, chain(spec, plan), 0, 0, audio.channels());
            try {
                filter.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
                filter.setSampleRate(audio.sampleRate());
                filter.start();
                for (FloatBuffer samples; (samples = audio.next()) != null; ) {
                    filter.pushSamples(0, audio.channels(), audio.sampleRate(), avutil.AV_SAMPLE_FMT_FLT, samples);
                    drain(filter, sink);
                }
                filter.push(null);
                drain(filter, sink);
            } finally {
                try {
                    filter.release();
                } catch (FrameFilter.Exception ignored) {
                    // Freeing the graph changes nothing already written or measured.
                }
            }
        }
    }

    private static void drain(FFmpegFrameFilter filter, Sink sink) throws FrameFilter.Exception, FrameRecorder.Exception {
        for (Frame out; (out = filter.pullSamples()) != null; ) {
            sink.accept((FloatBuffer) out.samples[0]);
        }
    }

    /** A trial pass: the loudness the chain gives, without encoding. */
    private static Loudness trial(Path input, MediaInfo info, AudioRenditionSpec spec, Plan plan, ProgressListener progress)
            throws MediaRejectedException {
        try (Ebur128 result = new Ebur128(spec.channels(), spec.sampleRate(), "")) {
            run(input, info, spec, plan, progress, result::push);
            return result.finish();
        } catch (FrameFilter.Exception | FrameRecorder.Exception e) {
            throw AudioInput.filterFailed(e);
        }
    }

    /** Decode, convert, gain, limit if needed, encode. */
    private static void encode(Path input, MediaInfo info, Path output, AudioRenditionSpec spec, Plan plan,
                               ProgressListener progress) throws MediaRejectedException {
        FFmpegFrameRecorder recorder = recorder(output, spec);
        try {
            recorder.start();
            run(input, info, spec, plan, progress,
                    samples -> recorder.recordSamples(spec.sampleRate(), spec.channels(), samples));
            recorder.stop();
        } catch (FrameFilter.Exception e) {
            throw AudioInput.filterFailed(e);
        } catch (FrameRecorder.Exception e) {
            throw new UncheckedIOException(new IOException("cannot write the MP3 " + output + ": " + e.getMessage(), e));
        } finally {
            try {
                recorder.release();
            } catch (FrameRecorder.Exception ignored) {
                // The file is replaced or deleted anyway.
            }
        }
    }

    /** Measure what was written, as a listener would hear it. */
    private LoudnessMeter.Measured verify(Path written, ProgressListener progress) {
        try {
            return meter.measureWithDuration(written, progress);
        } catch (MediaRejectedException e) {
            throw new IllegalStateException("the MP3 just written does not decode: " + e.getMessage(), e);
        }
    }
}
