package communecast.media;

import communecast.media.MediaRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.global.avformat;

/**
 * Picks the demuxer from the file's bytes alone. Left to itself FFmpeg also weighs the file name, and
 * the name wins: an MP3 called "x.png" goes to the image demuxer and fails to decode.
 */
final class ContentFormat {

    private ContentFormat() {
    }

    /** "JPEG" or "PNG" if the file begins with that format's signature, else null. */
    private static String pictureSignature(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        } catch (IOException e) {
            return null;
        }
        if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return "JPEG";
        }
        if (head.length == 8 && Arrays.equals(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            return "PNG";
        }
        return null;
    }

    /** The demuxer's short name, e.g. "mp3", "mov", "png_pipe". */
    static String detect(Path file) throws MediaRejectedException {
        AVIOContext io = new AVIOContext(null);
        int opened = avformat.avio_open(io, file.toAbsolutePath().toString(), avformat.AVIO_FLAG_READ);
        if (opened < 0) {
            throw new MediaRejectedException(Reason.UNREADABLE,
                    "cannot open the file: " + FfmpegLog.describe(opened));
        }
        try {
            AVInputFormat format = new AVInputFormat(null);
            // A null URL keeps the name out of the guess; 0s mean FFmpeg's usual probe sizes.
            int probed = avformat.av_probe_input_buffer2(io, format, (String) null, null, 0, 0);
            if (probed < 0 || format.isNull()) {
                String picture = pictureSignature(file);
                if (picture != null) {
                    throw new MediaRejectedException(Reason.UNDECODABLE, "the file starts like a " + picture
                            + " but what follows is damaged: FFmpeg cannot make sense of it");
                }
                throw new MediaRejectedException(Reason.UNREADABLE,
                        "not a media file FFmpeg can read: " + FfmpegLog.describe(probed));
            }
            return format.name().getString().split(",")[0];
        } finally {
            avformat.avio_closep(io);
        }
    }
}
