package communecast.media.audio;

import communecast.media.MediaInfo;
import communecast.media.MediaRejectedException;
import communecast.media.MediaRejectedException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Catches audio files cut short that {@link communecast.media.MediaProbe} lets through because FFmpeg measures
 * them as shorter files, by reading what the container itself declares about its end:
 * <ul>
 * <li>WAV: the size of the "data" chunk (unless 0 or 0xFFFFFFFF, which streaming writers put there);</li>
 * <li>ASF (WMA): the file size in the File Properties object (unless the broadcast flag says it is unknown);</li>
 * <li>Ogg (Vorbis, Opus, FLAC in Ogg): the last page must be whole, pass its CRC and carry the end-of-stream flag.</li>
 * </ul>
 * Raw AMR, and MP3 without a Xing/VBRI header, declare nothing: cut at a frame boundary they are valid shorter
 * files and cannot be told apart from one.
 */
final class ContainerEnd {

    private static final int MAX_OGG_PAGE = 27 + 255 + 255 * 255;
    private static final byte[] ASF_HEADER = guid("3026b2758e66cf11a6d900aa0062ce6c");
    private static final byte[] ASF_FILE_PROPERTIES = guid("a1dcab8c47a9cf118ee400c00c205365");
    private static final int[] OGG_CRC = oggCrcTable();

    private ContainerEnd() {
    }

    static void check(Path file, MediaInfo info) throws MediaRejectedException {
        String container = info.container().split(",")[0];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            switch (container) {
                case "wav" -> wav(channel);
                case "asf" -> asf(channel);
                case "ogg" -> ogg(channel);
                default -> { }
            }
        } catch (ClosedByInterruptException e) {
            throw new CancellationException("interrupted while reading " + file.getFileName());
        } catch (IOException e) {
            // The exception names a server path: it stays in the cause, for the log.
            throw new MediaRejectedException(Reason.UNREADABLE, "the server cannot read the stored file", e);
        }
    }

    private static void wav(FileChannel channel) throws IOException, MediaRejectedException {
        ByteBuffer header = read(channel, 0, 12);
        if (header.remaining() < 12 || !ascii(header, 0, "RIFF") || !ascii(header, 8, "WAVE")) {
            return; // RF64, W64 and the like: not checked.
        }
        long size = channel.size();
        long offset = 12;
        long byteRate = 0;
        while (offset + 8 <= size) {
            ByteBuffer chunk = read(channel, offset, 20);
            long length = Integer.toUnsignedLong(chunk.getInt(4));
            if (ascii(chunk, 0, "fmt ") && chunk.remaining() >= 20) {
                byteRate = Integer.toUnsignedLong(chunk.getInt(8 + 8));
            }
            if (ascii(chunk, 0, "data")) {
                long available = size - offset - 8;
                if (length != 0 && length != 0xFFFFFFFFL && available < length) {
                    throw new MediaRejectedException(Reason.UNDECODABLE, String.format(Locale.ROOT,
                            "the WAV header announces %s of audio but only %s follow: the file is truncated",
                            amount(length, byteRate), amount(available, byteRate)));
                }
                return;
            }
            offset += 8 + length + (length & 1);
        }
    }

    private static String amount(long bytes, long byteRate) {
        return byteRate > 0 ? String.format(Locale.ROOT, "%.2f s", bytes / (double) byteRate) : bytes + " bytes";
    }

    private static void asf(FileChannel channel) throws IOException, MediaRejectedException {
        ByteBuffer header = read(channel, 0, 30);
        if (header.remaining() < 30 || !startsWith(header, 0, ASF_HEADER)) {
            return;
        }
        long headerSize = header.getLong(16);
        int objects = header.getInt(24);
        long offset = 30;
        for (int i = 0; i < objects && offset + 24 <= Math.min(headerSize, channel.size()); i++) {
            ByteBuffer object = read(channel, offset, 104);
            long objectSize = object.getLong(16);
            if (startsWith(object, 0, ASF_FILE_PROPERTIES) && object.remaining() >= 92) {
                long declared = object.getLong(40);
                boolean broadcast = (object.getInt(88) & 1) != 0;
                if (!broadcast && declared > channel.size()) {
                    throw new MediaRejectedException(Reason.UNDECODABLE, "the WMA (ASF) header announces a file of "
                            + declared + " bytes, but only " + channel.size() + " are here: the file is truncated");
                }
                return;
            }
            if (objectSize < 24) {
                return;
            }
            offset += objectSize;
        }
    }

    private static void ogg(FileChannel channel) throws IOException, MediaRejectedException {
        long size = channel.size();
        long start = Math.max(0, size - MAX_OGG_PAGE - 4);
        ByteBuffer tail = read(channel, start, (int) (size - start));
        // The last page is the last "OggS" that starts a page with a correct CRC.
        for (int at = tail.limit() - 27; at >= 0; at--) {
            if (!ascii(tail, at, "OggS") || tail.get(at + 4) != 0) {
                continue;
            }
            int segments = tail.get(at + 26) & 0xff;
            if (at + 27 + segments > tail.limit()) {
                throw truncatedOgg("its last page is cut off");
            }
            int body = 0;
            for (int s = 0; s < segments; s++) {
                body += tail.get(at + 27 + s) & 0xff;
            }
            int length = 27 + segments + body;
            if (at + length > tail.limit()) {
                if (at == lastCapture(tail)) {
                    throw truncatedOgg("its last page is cut off");
                }
                continue;
            }
            if (!crcMatches(tail, at, length)) {
                continue;
            }
            if ((tail.get(at + 5) & 0x04) == 0) {
                throw truncatedOgg("it ends without an end-of-stream page");
            }
            return;
        }
    }

    private static int lastCapture(ByteBuffer tail) {
        for (int at = tail.limit() - 4; at >= 0; at--) {
            if (ascii(tail, at, "OggS")) {
                return at;
            }
        }
        return -1;
    }

    private static MediaRejectedException truncatedOgg(String why) {
        return new MediaRejectedException(Reason.UNDECODABLE, "the Ogg file is truncated: " + why);
    }

    private static boolean crcMatches(ByteBuffer page, int at, int length) {
        int stored = page.getInt(at + 22);
        int crc = 0;
        for (int i = 0; i < length; i++) {
            int b = (i >= 22 && i < 26) ? 0 : page.get(at + i) & 0xff;
            crc = (crc << 8) ^ OGG_CRC[((crc >>> 24) & 0xff) ^ b];
        }
        return crc == stored;
    }

    private static int[] oggCrcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int k = 0; k < 8; k++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04c11db7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(length, channel.size() - position)));
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
            // read on
        }
        return buffer.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static boolean ascii(ByteBuffer buffer, int at, String text) {
        if (at < 0 || at + text.length() > buffer.limit()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (buffer.get(at + i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(ByteBuffer buffer, int at, byte[] bytes) {
        if (at + bytes.length > buffer.limit()) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (buffer.get(at + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] guid(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
