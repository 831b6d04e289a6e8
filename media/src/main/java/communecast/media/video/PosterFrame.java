package communecast.media.video;

import communecast.media.FfmpegLog;
import communecast.media.MediaInfo;
import communecast.media.MediaKind;
import communecast.media.MediaProbe;
import communecast.media.MediaRejectedException;
import communecast.media.MediaRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A PNG that stands for a video or image in the user interface: the image itself, or a video frame that
 * is not black. Tries 10 %, 30 %, 50 %, 70 % and 90 % into the video and takes the first frame there that is
 * not (nearly) black, or else the brightest of them, so a fade from black or a black title card is skipped.
 * Upright (phone rotation applied), with square pixels, maxWidth wide or, if the source is narrower, its own
 * width: never enlarged.
 */
public final class PosterFrame {

    public static final int MIN_WIDTH = 16;
    public static final int MAX_WIDTH = 4096;

    private static final double[] POSITIONS = {0.10, 0.30, 0.50, 0.70, 0.90};
    /** Mean luma (0..255) below which a frame counts as black, unless it has this much contrast. */
    private static final double BLACK_LUMA = 24;
    private static final double FLAT_CONTRAST = 12;
    private static final int BGR24 = avutil.AV_PIX_FMT_BGR24;

    private PosterFrame() {
    }

    /**
     * Writes the poster of input to png (replacing it; written beside it first and moved into place).
     *
     * @throws MediaRejectedException the probe's reasons; NO_MEDIA_STREAM for an audio file
     * @throws UncheckedIOException the PNG cannot be written
     */
    public static void render(Path input, Path png, int maxWidth) throws MediaRejectedException {
        render(input, png, maxWidth, new MediaProbe());
    }

    /** With a probe of the server's own limits. */
    public static void render(Path input, Path png, int maxWidth, MediaProbe probe) throws MediaRejectedException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(png, "png");
        if (maxWidth < MIN_WIDTH || maxWidth > MAX_WIDTH) {
            throw new IllegalArgumentException("poster width must be " + MIN_WIDTH + ".." + MAX_WIDTH + ", not " + maxWidth);
        }
        MediaInfo info = probe.probe(input);
        if (info.kind() == MediaKind.AUDIO) {
            throw new MediaRejectedException(Reason.NO_MEDIA_STREAM, "an audio file has no picture for a poster");
        }
        boolean image = info.kind() == MediaKind.IMAGE;
        int pixelFormat = image ? avutil.AV_PIX_FMT_RGBA : BGR24;
        FFmpegFrameGrabber grabber = Sources.open(input, info, pixelFormat);
        Frame chosen = null;
        PictureFilter scaler = null;
        try {
            SourcePicture picture = SourcePicture.of(grabber, input, info);
            chosen = image ? copy(grabber.grabImage()) : representative(grabber, info);
            if (chosen == null) {
                throw new MediaRejectedException(Reason.UNDECODABLE,
                        image ? "the picture cannot be decoded" : "the video stream has no frame that can be decoded");
            }
            scaler = new PictureFilter(picture.posterFilters(maxWidth), pixelFormat);
            Frame poster = scaler.apply(chosen);
            // JavaCV takes the channels to be row bytes / width: a narrow picture whose rows FFmpeg pads to
            // 64 or 128 bytes (wide-vector CPUs) looks 4-channel. The poster chain ends in format=bgr24.
            poster.imageChannels = 3;
            BufferedImage pixels;
            try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
                pixels = converter.convert(poster);
            }
            poster.close();
            write(pixels, png);
        } catch (FrameGrabber.Exception e) {
            throw new MediaRejectedException(Reason.UNDECODABLE, "no frame for a poster can be decoded: "
                    + FfmpegLog.describe(e), e);
        } finally {
            if (chosen != null) {
                chosen.close();
            }
            Sources.close(scaler);
            Sources.close(grabber);
        }
    }

    private static Frame copy(Frame frame) {
        return frame == null || frame.image == null ? null : frame.clone();
    }

    /** The first frame at POSITIONS that is not black, else the brightest of them, else the first frame. */
    private static Frame representative(FFmpegFrameGrabber grabber, MediaInfo info) throws FrameGrabber.Exception {
        Frame best = null;
        double bestLuma = -1;
        for (double position : POSITIONS) {
            Frame frame = frameAt(grabber, Math.round(info.durationMs() * 1000 * position));
            if (frame == null) {
                continue;
            }
            double[] luma = lumaStatistics(frame);
            if (luma[0] >= BLACK_LUMA || luma[1] >= FLAT_CONTRAST) {
                if (best != null) {
                    best.close();
                }
                return frame.clone();
            }
            if (luma[0] > bestLuma) {
                if (best != null) {
                    best.close();
                }
                best = frame.clone();
                bestLuma = luma[0];
            }
        }
        if (best == null) {
            // Seeking found nothing (an index-less file): the first frame will do.
            grabber.restart();
            best = copy(grabber.grabImage());
        }
        return best;
    }

    /** The frame shown at micros, found by seeking; by decoding from the start if the file cannot seek. */
    private static Frame frameAt(FFmpegFrameGrabber grabber, long micros) throws FrameGrabber.Exception {
        try {
            grabber.setVideoTimestamp(micros);
            Frame frame = grabber.grabImage();
            if (frame != null && frame.image != null) {
                return frame;
            }
        } catch (FFmpegFrameGrabber.Exception e) {
            // Fall through to reading from the start.
        }
        grabber.restart();
        Frame frame;
        long origin = Long.MIN_VALUE;
        while ((frame = grabber.grabImage()) != null) {
            if (origin == Long.MIN_VALUE) {
                origin = frame.timestamp;
            }
            if (frame.timestamp - origin >= micros) {
                return frame;
            }
        }
        return null;
    }

    /** {mean, standard deviation} of luma over a grid of up to 32×32 points of a BGR24 frame. */
    private static double[] lumaStatistics(Frame frame) {
        ByteBuffer bgr = (ByteBuffer) frame.image[0];
        int stepX = Math.max(1, frame.imageWidth / 32);
        int stepY = Math.max(1, frame.imageHeight / 32);
        double sum = 0;
        double squares = 0;
        int count = 0;
        for (int y = 0; y < frame.imageHeight; y += stepY) {
            for (int x = 0; x < frame.imageWidth; x += stepX) {
                int at = y * frame.imageStride + x * 3;
                double luma = 0.114 * (bgr.get(at) & 0xff) + 0.587 * (bgr.get(at + 1) & 0xff) + 0.299 * (bgr.get(at + 2) & 0xff);
                sum += luma;
                squares += luma * luma;
                count++;
            }
        }
        double mean = sum / count;
        return new double[] {mean, Math.sqrt(Math.max(0, squares / count - mean * mean))};
    }

    private static void write(BufferedImage pixels, Path png) {
        Path partial = Sources.partial(png);
        try {
            if (!ImageIO.write(pixels, "png", partial.toFile())) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
            Sources.moveIntoPlace(partial, png);
        } catch (IOException e) {
            Sources.deleteQuietly(partial);
            throw new UncheckedIOException("cannot write the poster " + png, e);
        }
    }
}
