package communecast.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Decodes a media file frame by frame, in the order FFmpeg delivers them, with presentation timestamps.
 * Audio comes out as interleaved 16-bit signed PCM, the format a sound device takes without conversion.
 * Video frames carry only their timing for now: no output in this version shows pixels.
 */
public final class MediaDecoder implements AutoCloseable {

    /** One decoded frame. {@code samples} is interleaved PCM for audio and null for video. */
    public record DecodedFrame(long timestampMicros, long durationMicros, short[] samples) {
        public boolean isAudio() {
            return samples != null;
        }

        public long endMicros() {
            return timestampMicros + durationMicros;
        }
    }

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final double FALLBACK_FRAME_RATE = 25.0;

    private final FFmpegFrameGrabber grabber;
    private final Java2DFrameConverter pictures = new Java2DFrameConverter();
    private Frame lastPicture;

    private MediaDecoder(FFmpegFrameGrabber grabber) {
        this.grabber = grabber;
    }

    /** Opens the file and reads its headers; the first frame is decoded by the first {@link #next()}. */
    public static MediaDecoder open(Path file) throws IOException {
        FfmpegLog.quiet();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
        start(grabber);
        return new MediaDecoder(grabber);
    }

    /**
     * Opens a live stream (HTTP/Icecast, HLS). A read that stalls longer than {@code stall} fails, so the
     * caller can reconnect instead of relaying silence.
     */
    public static MediaDecoder openStream(String url, java.time.Duration stall) throws IOException {
        FfmpegLog.quiet();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
        grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
        grabber.setOption("rw_timeout", String.valueOf(stall.toNanos() / 1000));
        grabber.setTimeout((int) stall.toMillis());
        start(grabber);
        return new MediaDecoder(grabber);
    }

    /**
     * Not JavaCV's {@code start()}, which holds one lock for every grabber in the process while it opens:
     * a station that does not answer (up to the stall time) would keep an emergency's file from opening,
     * and a thousand agents in one process (--simulate) would open their files one at a time. Decoders are
     * safe to open at once: since FFmpeg 4 libavcodec itself locks around the few whose set-up is not.
     */
    private static void start(FFmpegFrameGrabber grabber) throws IOException {
        try {
            grabber.startUnsafe();
        } catch (FFmpegFrameGrabber.Exception e) {
            IOException failure = new IOException(FfmpegLog.describe(e), e);
            try {
                release(grabber);
            } catch (IOException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
    }

    private static void release(FFmpegFrameGrabber grabber) throws IOException {
        try {
            grabber.releaseUnsafe();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new IOException(FfmpegLog.describe(e), e);
        }
    }

    public boolean hasAudio() {
        return grabber.hasAudio() && grabber.getAudioChannels() > 0;
    }

    public int sampleRate() {
        return grabber.getSampleRate();
    }

    public int channels() {
        return grabber.getAudioChannels();
    }

    /** The next frame, or empty at the end of the file. */
    public Optional<DecodedFrame> next() throws IOException {
        Frame frame;
        while ((frame = grab()) != null) {
            if (frame.samples != null) {
                return Optional.of(audio(frame));
            }
            if (frame.image != null) {
                lastPicture = frame;
                return Optional.of(new DecodedFrame(frame.timestamp, videoFrameMicros(), null));
            }
            // Data or subtitle packets: nothing to play, read on.
        }
        return Optional.empty();
    }

    /**
     * The picture of the video frame {@link #next()} returned last, made only when asked (a screen wants
     * it, a loudspeaker or the null output does not). Valid until the next call of {@code next()}: the
     * converter reuses its image.
     */
    public BufferedImage picture() {
        return lastPicture == null ? null : pictures.getBufferedImage(lastPicture);
    }

    private Frame grab() throws IOException {
        try {
            return grabber.grab();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new IOException(FfmpegLog.describe(e), e);
        }
    }

    private static DecodedFrame audio(Frame frame) {
        // The grabber reuses its buffers: copy before the next grab.
        ShortBuffer buffer = (ShortBuffer) frame.samples[0];
        short[] pcm = new short[buffer.remaining()];
        buffer.duplicate().get(pcm);
        int channels = Math.max(1, frame.audioChannels);
        long micros = frame.sampleRate > 0 ? pcm.length / channels * MICROS_PER_SECOND / frame.sampleRate : 0;
        return new DecodedFrame(frame.timestamp, micros, pcm);
    }

    private long videoFrameMicros() {
        double rate = grabber.getVideoFrameRate();
        return Math.round(MICROS_PER_SECOND / (rate > 0 ? rate : FALLBACK_FRAME_RATE));
    }

    @Override
    public void close() throws IOException {
        pictures.close();
        release(grabber);
    }
}
