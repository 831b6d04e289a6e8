package communecast.media.audio;

import communecast.media.MediaProbe;
import communecast.media.MediaRejectedException;
import communecast.media.ProgressListener;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.javacv.FrameFilter;

/**
 * Measures loudness per EBU R128 / ITU-R BS.1770-4 with FFmpeg's {@code ebur128} filter, on the decoded audio of
 * any file {@link MediaProbe} accepts. Mono is measured as one channel (a full-scale mono sine reads −3 LUFS, as
 * BS.1770 defines; it is not treated as dual mono). Files shorter than 0.5 s are measured as if padded with
 * silence to 0.5 s, since R128 needs a whole 400 ms block. Thread-safe: each call has its own decoder and filter.
 */
public final class LoudnessMeter {

    private final MediaProbe probe;

    public LoudnessMeter() {
        this(new MediaProbe());
    }

    public LoudnessMeter(MediaProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    public Loudness measure(Path file) throws MediaRejectedException {
        return measureWithDuration(file, ProgressListener.NONE).loudness();
    }

    record Measured(Loudness loudness, long durationMicros) {
    }

    Measured measureWithDuration(Path file, ProgressListener progress) throws MediaRejectedException {
        Objects.requireNonNull(file, "file");
        try (AudioInput input = AudioInput.open(file, probe, progress);
             Ebur128 meter = new Ebur128(input.channels(), input.sampleRate(), "")) {
            for (FloatBuffer samples; (samples = input.next()) != null; ) {
                meter.push(samples);
            }
            return new Measured(meter.finish(), input.decodedMicros());
        } catch (FrameFilter.Exception e) {
            throw AudioInput.filterFailed(e);
        }
    }
}
