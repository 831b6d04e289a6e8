package communecast.media.video;

import communecast.media.FfmpegLog;
import communecast.media.MediaInfo;
import communecast.media.MediaRejectedException;
import communecast.media.MediaRejectedException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** Opening probed sources and putting finished files in place, shared by the renderer and the poster. */
final class Sources {

    private Sources() {
    }

    /**
     * Opens a file that {@link communecast.media.MediaProbe} accepted, with the demuxer it found from the
     * content (so a PNG named "x.mp4" still opens as a PNG). Pictures come out in pixelFormat, sound as
     * interleaved 32-bit float.
     */
    static FFmpegFrameGrabber open(Path input, MediaInfo info, int pixelFormat) throws MediaRejectedException {
        FfmpegLog.quiet();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input.toFile());
        grabber.setFormat(info.container().split(",")[0]);
        grabber.setPixelFormat(pixelFormat);
        grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
        try {
            grabber.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            close(grabber);
            throw new MediaRejectedException(Reason.UNREADABLE, "not a media file FFmpeg can read: " + FfmpegLog.describe(e), e);
        }
        return grabber;
    }

    /** Closes a JavaCV grabber, filter or recorder, for which closing can fail only in ways no one can act on. */
    static void close(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Only frees native memory.
        }
    }

    /** A sibling of target to write into, so that target never exists half written. */
    static Path partial(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    static void moveIntoPlace(Path partial, Path target) {
        try {
            try {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + partial + " to " + target, e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind; the next render of the same target overwrites it.
        }
    }
}
