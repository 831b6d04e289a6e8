package communecast.media.audio;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * An independent ITU-R BS.1770-4 / EBU R128 meter in plain Java, to check what the production code
 * (FFmpeg's ebur128 filter) and the renderer produce. It shares nothing with them but FFmpeg's decoders:
 * K-weighting, 400 ms blocks with 75 % overlap, the −70 LUFS absolute and −10 LU relative gates, sample
 * peak and a 4× oversampled true peak are all computed here.
 */
public final class Bs1770 {

    /** What the meter found. Peaks in dB relative to full scale; {@code -Infinity} for silence. */
    public record Result(double integratedLufs, double samplePeakDbfs, double truePeakDbtp, long frames, int sampleRate,
                         int channels) {
        public long durationMs() {
            return frames * 1000 / sampleRate;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.2f LUFS, sample peak %.2f dBFS, true peak %.2f dBTP, %d ms, %d Hz x%d",
                    integratedLufs, samplePeakDbfs, truePeakDbtp, durationMs(), sampleRate, channels);
        }
    }

    private static final double ABSOLUTE_GATE_LUFS = -70;
    private static final double RELATIVE_GATE_LU = -10;

    private Bs1770() {
    }

    /** Decodes the file with FFmpeg (to interleaved float, no resampling) and measures it here. */
    public static Result measure(Path file) {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
            grabber.start();
            Meter meter = new Meter(grabber.getAudioChannels(), grabber.getSampleRate());
            for (Frame frame; (frame = grabber.grabSamples()) != null; ) {
                if (frame.samples == null) {
                    continue;
                }
                if (frame.sampleRate != meter.rate || frame.audioChannels != meter.channels) {
                    throw new IllegalStateException("format changes mid-stream in " + file);
                }
                FloatBuffer buffer = ((FloatBuffer) frame.samples[0]).duplicate();
                float[] interleaved = new float[buffer.remaining()];
                buffer.get(interleaved);
                meter.add(interleaved, interleaved.length / meter.channels);
            }
            return meter.result();
        } catch (FrameGrabber.Exception e) {
            throw new IllegalStateException("cannot decode " + file + ": " + e.getMessage(), e);
        }
    }

    /** Measures planar samples, one array per channel. */
    public static Result measure(float[][] planar, int sampleRate) {
        int channels = planar.length;
        int frames = planar[0].length;
        Meter meter = new Meter(channels, sampleRate);
        float[] interleaved = new float[frames * channels];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                interleaved[i * channels + c] = planar[c][i];
            }
        }
        meter.add(interleaved, frames);
        return meter.result();
    }

    /**
     * K-weighting filter coefficients for any sample rate, by the derivation of the two BS.1770 stages (a high
     * shelf and an RLB high pass) through the bilinear transform, as libebur128 does. At 48 kHz they equal the
     * tables in BS.1770-4 to 1e-8.
     *
     * @return {b0, b1, b2, a1, a2} for the shelf and then for the high pass
     */
    static double[][] kWeighting(int sampleRate) {
        double f0 = 1681.974450955533;
        double gainDb = 3.999843853973347;
        double q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / sampleRate);
        double vh = Math.pow(10, gainDb / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        double[] shelf = {
                (vh + vb * k / q + k * k) / a0,
                2 * (k * k - vh) / a0,
                (vh - vb * k / q + k * k) / a0,
                2 * (k * k - 1) / a0,
                (1 - k / q + k * k) / a0};
        f0 = 38.13547087602444;
        q = 0.5003270373238773;
        k = Math.tan(Math.PI * f0 / sampleRate);
        a0 = 1 + k / q + k * k;
        double[] highPass = {1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0};
        return new double[][] {shelf, highPass};
    }

    /** Channel weights of BS.1770: 1 for L, R, C; 1.41 for the surrounds; the LFE does not count. */
    private static double[] weights(int channels) {
        return switch (channels) {
            case 1 -> new double[] {1};
            case 2 -> new double[] {1, 1};
            case 6 -> new double[] {1, 1, 1, 0, 1.41, 1.41};
            default -> throw new IllegalArgumentException("no BS.1770 weights for " + channels + " channels here");
        };
    }

    /** Streaming meter: feed interleaved samples, then ask for the result. */
    static final class Meter {
        final int channels;
        final int rate;
        private final double[] weight;
        private final double[][] coeffs;
        private final double[][] state; // per channel: shelf z1, z2, high-pass z1, z2
        private final double[] segmentSum; // K-weighted energy of the current 100 ms segment, per channel
        private final List<double[]> segments = new ArrayList<>(); // finished segments: {energy per channel..., frames}
        private long frames;
        private long segmentStart;
        private int segmentIndex;
        private double samplePeak;
        private final TruePeak truePeak;

        Meter(int channels, int rate) {
            this.channels = channels;
            this.rate = rate;
            this.weight = weights(channels);
            this.coeffs = kWeighting(rate);
            this.state = new double[channels][4];
            this.segmentSum = new double[channels];
            this.truePeak = new TruePeak(channels, rate < 96_000 ? 4 : rate < 192_000 ? 2 : 1);
        }

        /** Segment k spans frames [round(k·rate/10), round((k+1)·rate/10)): exact for rates not divisible by 10. */
        private long segmentEnd(int k) {
            return Math.round((k + 1) * (double) rate / 10);
        }

        void add(float[] interleaved, int count) {
            double[] shelf = coeffs[0];
            double[] hp = coeffs[1];
            for (int i = 0; i < count; i++) {
                for (int c = 0; c < channels; c++) {
                    double x = interleaved[i * channels + c];
                    samplePeak = Math.max(samplePeak, Math.abs(x));
                    double[] s = state[c];
                    // Transposed direct form II, stage 1 (shelf) then stage 2 (high pass).
                    double y1 = shelf[0] * x + s[0];
                    s[0] = shelf[1] * x - shelf[3] * y1 + s[1];
                    s[1] = shelf[2] * x - shelf[4] * y1;
                    double y2 = hp[0] * y1 + s[2];
                    s[2] = hp[1] * y1 - hp[3] * y2 + s[3];
                    s[3] = hp[2] * y1 - hp[4] * y2;
                    segmentSum[c] += y2 * y2;
                }
                truePeak.add(interleaved, i * channels);
                frames++;
                if (frames == segmentEnd(segmentIndex)) {
                    double[] finished = new double[channels + 1];
                    System.arraycopy(segmentSum, 0, finished, 0, channels);
                    finished[channels] = frames - segmentStart;
                    segments.add(finished);
                    java.util.Arrays.fill(segmentSum, 0);
                    segmentStart = frames;
                    segmentIndex++;
                }
            }
        }

        Result result() {
            // Gating blocks: 400 ms = four consecutive 100 ms segments, one every 100 ms (75 % overlap).
            List<Double> blockPower = new ArrayList<>();
            for (int j = 0; j + 4 <= segments.size(); j++) {
                double power = 0;
                double n = 0;
                double[] energy = new double[channels];
                for (int s = j; s < j + 4; s++) {
                    double[] seg = segments.get(s);
                    for (int c = 0; c < channels; c++) {
                        energy[c] += seg[c];
                    }
                    n += seg[channels];
                }
                for (int c = 0; c < channels; c++) {
                    power += weight[c] * energy[c] / n;
                }
                blockPower.add(power);
            }
            double absoluteThreshold = power(ABSOLUTE_GATE_LUFS);
            double relativeThreshold = power(loudness(mean(blockPower, absoluteThreshold, 0)) + RELATIVE_GATE_LU);
            double integrated = loudness(mean(blockPower, absoluteThreshold, relativeThreshold));
            double tp = Math.max(truePeak.finish(), samplePeak);
            return new Result(integrated, db(samplePeak), db(tp), frames, rate, channels);
        }

        /** Mean power of the blocks above both thresholds; NaN if none. */
        private static double mean(List<Double> powers, double absolute, double relative) {
            double sum = 0;
            int n = 0;
            for (double p : powers) {
                if (p > absolute && p > relative) {
                    sum += p;
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        private static double loudness(double power) {
            return Double.isNaN(power) ? Double.NEGATIVE_INFINITY : -0.691 + 10 * Math.log10(power);
        }

        private static double power(double lufs) {
            return Math.pow(10, (lufs + 0.691) / 10);
        }
    }

    static double db(double linear) {
        return 20 * Math.log10(linear);
    }

    /**
     * True peak per BS.1770-4 Annex 2: oversample by interpolation and take the largest absolute value.
     * Polyphase windowed-sinc interpolator, 32 taps per phase, Kaiser window (β = 8), cut-off at the
     * original Nyquist frequency.
     */
    static final class TruePeak {
        private static final int HALF_TAPS = 16;
        private final int channels;
        private final int factor;
        private final double[][] phase; // phase[p][k]: weight of history sample k for the point p/factor past the centre
        private final double[][] history;
        private int filled = HALF_TAPS - 1; // the zeros before the first sample count as history
        private int head;
        private double peak;

        TruePeak(int channels, int factor) {
            this.channels = channels;
            this.factor = factor;
            this.history = new double[channels][2 * HALF_TAPS];
            this.phase = new double[factor][2 * HALF_TAPS];
            for (int p = 1; p < factor; p++) {
                for (int k = 0; k < 2 * HALF_TAPS; k++) {
                    // history[k] holds the sample at offset k - HALF_TAPS + 1 from the centre sample.
                    double t = (double) p / factor - (k - HALF_TAPS + 1);
                    phase[p][k] = sinc(t) * kaiser(t / HALF_TAPS, 8);
                }
            }
        }

        void add(float[] interleaved, int offset) {
            for (int c = 0; c < channels; c++) {
                history[c][head] = interleaved[offset + c];
            }
            head = (head + 1) % (2 * HALF_TAPS);
            if (++filled >= 2 * HALF_TAPS) {
                interpolate();
            }
        }

        /** Points between the centre sample of the history and the next one. */
        private void interpolate() {
            for (int c = 0; c < channels; c++) {
                double[] h = history[c];
                for (int p = 1; p < factor; p++) {
                    double y = 0;
                    double[] w = phase[p];
                    for (int k = 0; k < 2 * HALF_TAPS; k++) {
                        y += w[k] * h[(head + k) % (2 * HALF_TAPS)];
                    }
                    peak = Math.max(peak, Math.abs(y));
                }
            }
        }

        double finish() {
            // Flush with zeros so that the last samples become centre samples too.
            float[] zeros = new float[channels];
            for (int i = 0; i < HALF_TAPS; i++) {
                add(zeros, 0);
            }
            return peak;
        }

        private static double sinc(double t) {
            return t == 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
        }

        private static double kaiser(double x, double beta) {
            return Math.abs(x) > 1 ? 0 : bessel0(beta * Math.sqrt(1 - x * x)) / bessel0(beta);
        }

        private static double bessel0(double x) {
            double sum = 1;
            double term = 1;
            for (int k = 1; k < 30; k++) {
                term *= (x / (2 * k)) * (x / (2 * k));
                sum += term;
            }
            return sum;
        }
    }
}
