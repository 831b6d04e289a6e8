package communecast.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Compares a file's length with the length its header states, for containers that state one and that
 * FFmpeg plays without complaint when cut short: ASF (WMV, WMA) and AVI. A cut WMV plays to its cut, and
 * its first kilobytes even pass for a still picture; a cut AVI may have no index left to tell by.
 */
final class ContainerSize {

    /** ASF File Properties Object: GUID 8CABDCA1-A947-11CF-8EE4-00C00C205365, stored little-endian. */
    private static final byte[] ASF_FILE_PROPERTIES = HexFormat.of().parseHex("a1dcab8c47a9cf118ee400c00c205365");

    private static final long SLACK_BYTES = 16;

    private ContainerSize() {
    }

    /** Why the file seems cut short, or null if it does not (or its container states no length). */
    static String truncation(Path file, String format) {
        try {
            long actual = Files.size(file);
            long stated = switch (format) {
                case "asf" -> asfFileSize(file);
                case "avi" -> aviRiffSize(file);
                default -> -1;
            };
            // A little slack: a writer may leave off the pad byte that ends a RIFF chunk.
            if (stated > actual + SLACK_BYTES) {
                return String.format(Locale.ROOT, "the file is %d bytes but its %s header says %d: it is probably truncated"
                        + " (an interrupted upload or copy)", actual, format.equals("asf") ? "WMV/ASF" : "AVI", stated);
            }
        } catch (IOException e) {
            // FFmpeg will say what is wrong with reading it.
        }
        return null;
    }

    /** The File Size field of the File Properties Object, which follows its GUID, size and file id. */
    private static long asfFileSize(Path file) throws IOException {
        byte[] head = head(file, 64 * 1024);
        for (int at = 30; at + 48 <= head.length; at++) { // after the Header Object's own 30 bytes
            if (ByteBuffer.wrap(head, at, 16).equals(ByteBuffer.wrap(ASF_FILE_PROPERTIES))) {
                return ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getLong(at + 40);
            }
        }
        return -1;
    }

    /** "RIFF", size of what follows, "AVI ". (A larger OpenDML AVI goes on in "AVIX" chunks: only longer.) */
    private static long aviRiffSize(Path file) throws IOException {
        byte[] head = head(file, 12);
        if (head.length < 12) {
            return -1;
        }
        return (ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(4) & 0xffffffffL) + 8;
    }

    private static byte[] head(Path file, int bytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(bytes);
        }
    }
}
