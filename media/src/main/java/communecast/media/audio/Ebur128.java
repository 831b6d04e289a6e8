package communecast.media.audio;

import java.nio.FloatBuffer;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.Frame;

/**
 * FFmpeg's {@code ebur128} filter (EBU R128 / BS.1770-4: K-weighting, 400 ms blocks every 100 ms, −70 LUFS
 * absolute and −10 LU relative gates, loudness range per Tech 3342, true peak on the signal resampled to 192 kHz)
 * fed interleaved float frames. Results come from the metadata the filter attaches to its output
 * frames, not from its log summary: that needs no global log callback and works with several meters at once.
 */
final class Ebur128 implements AutoCloseable {

    private static final String PREFIX = "lavfi.r128.";
    /** The filter reports −70 (its absolute gate) while no block has passed the gates. */
    private static final double NO_LOUDNESS = -70;
    /** R128 needs a 400 ms block; shorter inputs are measured as if padded with silence to this length. */
    private static final double MIN_SECONDS = 0.5;

    private final FFmpegFrameFilter filter;
    private final int channels;
    private final int sampleRate;
    private long frames;
    private double integrated = NO_LOUDNESS;
    private double range;
    private double truePeak;
    private double samplePeak;

    /**
     * @param before filters to apply ahead of the measurement (e.g. a conversion to the rendition's format), or
     *               an empty string to measure the input as it is
     */
    Ebur128(int channels, int sampleRate, String before) throws FrameFilter.Exception {
        this.channels = channels;
        this.sampleRate = sampleRate;
        String chain = (before.isEmpty() ? "" : before + ",") + "ebur128=peak=true:metadata=1,aformat=sample_fmts=flt";
        filter = new FFmpegFrameFilter(null, chain, 0, 0, channels);
        filter.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
        filter.setSampleRate(sampleRate);
        filter.start();
    }

    /** Interleaved samples at the rate and channel count this meter was made for. */
    void push(FloatBuffer samples) throws FrameFilter.Exception {
        frames += samples.remaining() / channels;
        filter.pushSamples(0, channels, sampleRate, avutil.AV_SAMPLE_FMT_FLT, samples.duplicate());
        drain();
    }

    /** Ends the input and returns what the filter measured. */
    Loudness finish() throws FrameFilter.Exception {
        long minimum = (long) Math.ceil(MIN_SECONDS * sampleRate);
        if (frames < minimum) {
            FloatBuffer silence = FloatBuffer.allocate((int) (minimum - frames) * channels);
            filter.pushSamples(0, channels, sampleRate, avutil.AV_SAMPLE_FMT_FLT, silence);
            drain();
        }
        filter.push(null);
        drain();
        // The filter prints linear peaks with three decimals: the sample peak (never above the true peak) keeps
        // quiet files from reading as digital silence.
        double peak = Math.max(truePeak, samplePeak);
        return new Loudness(
                integrated <= NO_LOUDNESS ? Double.NEGATIVE_INFINITY : integrated,
                peak > 0 ? 20 * Math.log10(peak) : Double.NEGATIVE_INFINITY,
                range);
    }

    private void drain() throws FrameFilter.Exception {
        for (Frame out; (out = filter.pullSamples()) != null; ) {
            FloatBuffer samples = ((FloatBuffer) out.samples[0]).duplicate();
            while (samples.hasRemaining()) {
                samplePeak = Math.max(samplePeak, Math.abs(samples.get()));
            }
            read((AVFrame) out.opaque);
        }
    }

    private void read(AVFrame frame) {
        AVDictionary metadata = frame.metadata();
        if (metadata == null || metadata.isNull()) {
            return;
        }
        integrated = value(metadata, "I", integrated);
        range = value(metadata, "LRA", range);
        truePeak = Math.max(truePeak, value(metadata, "true_peak", 0));
    }

    private static double value(AVDictionary metadata, String key, double otherwise) {
        AVDictionaryEntry entry = avutil.av_dict_get(metadata, PREFIX + key, null, 0);
        if (entry == null || entry.isNull()) {
            return otherwise;
        }
        try {
            double value = Double.parseDouble(entry.value().getString());
            return Double.isNaN(value) ? otherwise : value;
        } catch (NumberFormatException e) {
            // "-inf" and the like: the filter has nothing to say yet.
            return otherwise;
        }
    }

    @Override
    public void close() {
        try {
            filter.release();
        } catch (FrameFilter.Exception ignored) {
            // Freeing the graph cannot change a measurement already taken.
        }
    }
}
