package communecast.media.video;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.IntPointer;

/**
 * How a stored picture must be turned to stand upright, as FFmpeg's command line does on its own
 * ("autorotate") and the libraries do not: a phone stores a portrait video as landscape frames plus a display
 * matrix, and a portrait photo as a landscape JPEG plus an EXIF orientation. Shown as stored, both lie on
 * their side.
 */
enum Orientation {
    UPRIGHT(""),
    MIRRORED("hflip"),
    UPSIDE_DOWN("hflip,vflip"),
    FLIPPED("vflip"),
    /** Mirrored along the top-left to bottom-right diagonal. */
    TRANSPOSED("transpose=cclock_flip"),
    /** Must turn 90° clockwise to stand up. */
    TURN_CLOCKWISE("transpose=clock"),
    /** Mirrored along the other diagonal. */
    TRANSVERSE("transpose=clock_flip"),
    /** Must turn 90° counterclockwise to stand up. */
    TURN_COUNTERCLOCKWISE("transpose=cclock");

    /** FFmpeg filters that make the picture upright; empty if none are needed. */
    final String filters;

    Orientation(String filters) {
        this.filters = filters;
    }

    /** True when the upright picture's width is the stored height. */
    boolean swapsSides() {
        return filters.startsWith("transpose");
    }

    /** EXIF tag 0x0112: 1 upright, 3 upside down, 6 turn clockwise, 8 turn counterclockwise; 2, 4, 5, 7 mirrored. */
    static Orientation fromExif(int value) {
        return switch (value) {
            case 2 -> MIRRORED;
            case 3 -> UPSIDE_DOWN;
            case 4 -> FLIPPED;
            case 5 -> TRANSPOSED;
            case 6 -> TURN_CLOCKWISE;
            case 7 -> TRANSVERSE;
            case 8 -> TURN_COUNTERCLOCKWISE;
            default -> UPRIGHT;
        };
    }

    /**
     * From a stream's display matrix, with the rule of FFmpeg's command line (fftools): the clockwise turn
     * is minus {@code av_display_rotation_get}, and the matrix's signs tell the mirrored cases apart.
     */
    static Orientation fromDisplayMatrix(AVCodecParameters codecpar) {
        AVPacketSideData side = avcodec.av_packet_side_data_get(codecpar.coded_side_data(),
                codecpar.nb_coded_side_data(), avcodec.AV_PKT_DATA_DISPLAYMATRIX);
        if (side == null || side.isNull() || side.size() < 9 * 4) {
            return UPRIGHT;
        }
        IntPointer matrix = new IntPointer(side.data());
        double counterclockwise = avutil.av_display_rotation_get(matrix);
        if (Double.isNaN(counterclockwise)) {
            return UPRIGHT;
        }
        double clockwise = -Math.round(counterclockwise);
        clockwise -= 360 * Math.floor(clockwise / 360 + 0.9 / 360);
        if (Math.abs(clockwise - 90) < 1) {
            return matrix.get(3) > 0 ? TRANSPOSED : TURN_CLOCKWISE;
        }
        if (Math.abs(clockwise - 180) < 1) {
            boolean h = matrix.get(0) < 0;
            boolean v = matrix.get(4) < 0;
            return h && v ? UPSIDE_DOWN : h ? MIRRORED : v ? FLIPPED : UPSIDE_DOWN;
        }
        if (Math.abs(clockwise - 270) < 1) {
            return matrix.get(3) < 0 ? TRANSVERSE : TURN_COUNTERCLOCKWISE;
        }
        if (Math.abs(clockwise) < 1 && matrix.get(4) < 0) {
            return FLIPPED;
        }
        return UPRIGHT;
    }

    /**
     * The EXIF orientation of a JPEG, read from its APP1 segment; UPRIGHT when it has none or is not a JPEG.
     * Reads at most the first 128 KiB: EXIF must come before the picture data.
     */
    static Orientation fromJpegExif(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(128 * 1024);
        } catch (IOException e) {
            return UPRIGHT;
        }
        ByteBuffer jpeg = ByteBuffer.wrap(head).order(ByteOrder.BIG_ENDIAN);
        if (head.length < 4 || (jpeg.getShort(0) & 0xffff) != 0xffd8) {
            return UPRIGHT;
        }
        int at = 2;
        while (at + 4 <= head.length && (head[at] & 0xff) == 0xff) {
            int marker = head[at + 1] & 0xff;
            if (marker == 0xda || marker == 0xd9) {
                break; // start of scan or end of image: no more headers
            }
            int length = jpeg.getShort(at + 2) & 0xffff;
            if (marker == 0xe1 && at + 4 + length - 2 <= head.length && length >= 8
                    && new String(head, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("Exif")) {
                return fromExif(exifOrientation(ByteBuffer.wrap(head, at + 10, length - 8).slice()));
            }
            at += 2 + length;
        }
        return UPRIGHT;
    }

    /** Tag 0x0112 of IFD0 in a TIFF structure; 1 (upright) if absent or malformed. */
    private static int exifOrientation(ByteBuffer tiff) {
        try {
            short order = tiff.getShort(0);
            tiff.order(order == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            int ifd = tiff.getInt(4);
            int entries = tiff.getShort(ifd) & 0xffff;
            for (int i = 0; i < entries; i++) {
                int entry = ifd + 2 + 12 * i;
                if ((tiff.getShort(entry) & 0xffff) == 0x0112) {
                    return tiff.getShort(entry + 8) & 0xffff;
                }
            }
        } catch (IndexOutOfBoundsException e) {
            // A cut or broken EXIF block: treat the picture as upright.
        }
        return 1;
    }
}
