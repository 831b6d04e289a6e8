package communecast.media;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What a picture file's structure tells before anything decodes it: the size its header states, so that a
 * decompression bomb (a small PNG that claims 50000×50000 pixels) is refused before memory is taken for it
 * (through the JDK's readers: PNG, JPEG, GIF, BMP, TIFF; WebP is left to FFmpeg); and whether a PNG or
 * JPEG is whole.
 */
final class PictureHeader {

    private PictureHeader() {
    }

    /**
     * Why the picture is cut short, or null if it is whole (or not a PNG or JPEG). A JPEG cut short still
     * decodes, grey below the cut, so the decoder would not tell: the file's structure does. Walks the
     * chunks of a PNG to IEND, the segments and scan data of a JPEG to its end-of-image marker (data after
     * it, like the video of a "motion photo", does not matter).
     */
    static String truncation(Path file, String format) {
        try {
            return switch (format) {
                case "png_pipe" -> pngProblem(file);
                case "jpeg_pipe" -> jpegComplete(file) ? null
                        : "the JPEG ends before its end-of-image marker: it is probably truncated (an interrupted upload or copy)";
                default -> null;
            };
        } catch (IOException e) {
            return null; // unreadable here too: FFmpeg will say so
        }
    }

    /** Null if the chunks lead to IEND; else whether they stop short (cut) or stop making sense (damaged). */
    private static String pngProblem(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long at = 8; // signature
            ByteBuffer header = ByteBuffer.allocate(8);
            while (at + 8 <= size) {
                header.clear();
                channel.read(header, at);
                long length = header.getInt(0) & 0xffffffffL;
                int type = header.getInt(4);
                if (type == 0x49454e44) { // "IEND"
                    return null;
                }
                for (int shift = 24; shift >= 0; shift -= 8) {
                    int letter = type >> shift & 0xff;
                    if (!(letter >= 'A' && letter <= 'Z' || letter >= 'a' && letter <= 'z')) {
                        return "the PNG is damaged: its chunk structure breaks at byte " + at;
                    }
                }
                at += 12 + length; // length, type, data, CRC
            }
            return "the PNG ends before its IEND chunk: it is probably truncated (an interrupted upload or copy)";
        }
    }

    private static boolean jpegComplete(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            if (in.read() != 0xff || in.read() != 0xd8) {
                return true; // not a JPEG after all: not this check's business
            }
            int b;
            while ((b = in.read()) >= 0) {
                if (b != 0xff) {
                    continue; // scan data
                }
                int marker;
                do {
                    marker = in.read();
                } while (marker == 0xff); // fill bytes
                if (marker < 0) {
                    return false;
                }
                if (marker == 0xd9) {
                    return true;
                }
                if (marker == 0x00 || marker == 0x01 || marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
                    continue; // stuffed 0xff in scan data, or a marker without a segment
                }
                int high = in.read();
                int low = in.read();
                if (low < 0) {
                    return false;
                }
                try {
                    in.skipNBytes((high << 8 | low) - 2);
                } catch (EOFException e) {
                    return false;
                }
            }
            return false;
        }
    }

    /** {width, height}, or null if no JDK reader knows the format or the header is broken. */
    static int[] size(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null; // a broken header: FFmpeg will say what is wrong with it
        }
    }
}
