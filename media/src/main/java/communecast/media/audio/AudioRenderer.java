package communecast.media.audio;

import communecast.media.MediaProbe;
import communecast.media.MediaRejectedException;
import communecast.media.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Renders an upload into the broadcast MP3: loudness-normalised per EBU R128, true peak under a ceiling, in the
 * rendition's channels and rate, at a constant bitrate.
 *
 * <p>The {@link Normaliser} measures the input and finds the gain (and the limiter, if the peaks need one). The chain
 * is then encoded with libmp3lame, and the written MP3 is decoded and measured again; that measurement is
 * {@code after}. This build's LAME turns the level down by about 0.44 dB at the usual bitrates: the normaliser makes
 * that up in the gain, so that one encoding normally lands on the target. If the file still missed it by more than
 * {@value Normalisation#LOUDNESS_TOLERANCE_LU} LU (MP3 drops the top of the spectrum, which costs bright music some
 * loudness) or its true peak is over the limit, it is encoded once more, corrected by the miss.
 *
 * <p>The MP3 is written next to {@code outputMp3} under a temporary name and moved into place only when done, so a
 * failed or interrupted render leaves no partial file. An interrupted thread ends the render with a
 * {@link java.util.concurrent.CancellationException}. Failures to write the output (a full disk) are
 * {@link UncheckedIOException}s: they are not the upload's fault. Thread-safe.
 */
public final class AudioRenderer {

    private final Normaliser normaliser;
    private final LoudnessMeter meter;

    public AudioRenderer() {
        this(new MediaProbe());
    }

    public AudioRenderer(MediaProbe probe) {
        this.normaliser = new Normaliser(Objects.requireNonNull(probe, "probe"));
        this.meter = new LoudnessMeter(probe);
    }

    public AudioRendition render(Path input, Path outputMp3, AudioRenditionSpec spec, ProgressListener progress)
            throws MediaRejectedException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(outputMp3, "outputMp3");
        Objects.requireNonNull(spec, "spec");
        Progress stages = new Progress(progress);
        Normalisation normalisation = normaliser.normalise(input, spec.target(),
                outputMp3.toAbsolutePath().getParent(), stages.pass(0, 0.45));
        Path part = outputMp3.resolveSibling(outputMp3.getFileName() + ".part");
        try {
            encode(input, part, normalisation, stages.pass(0.45, 0.85));
            LoudnessMeter.Measured written = verify(part, stages.pass(0.85, 0.9));
            Normalisation corrected = normalisation.corrected(written.loudness());
            if (corrected != null) {
                encode(input, part, corrected, stages.pass(0.9, 0.97));
                written = verify(part, stages.pass(0.97, 0.99));
            }
            Files.move(part, outputMp3, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            stages.done();
            return new AudioRendition(normalisation.before(), written.loudness(), written.durationMicros() / 1000);
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

    /** Decode, convert, gain, limit if needed, encode. */
    private static void encode(Path input, Path output, Normalisation normalisation, ProgressListener progress)
            throws MediaRejectedException {
        SoundTarget target = normalisation.target();
        FFmpegFrameRecorder recorder = target.recorder(output);
        try {
            recorder.start();
            normalisation.run(input, progress,
                    samples -> recorder.recordSamples(target.sampleRate(), target.channels(), samples));
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
