package communecast.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** Reads renditions back the way a player would, and judges their pixels. */
final class Renditions {

    private Renditions() {
    }

    record Decoded(String videoCodec, int width, int height, List<Long> timestamps, BufferedImage keptFrame,
            String audioCodec, int sampleRate, int channels, long audioMicros) {
        int frames() {
            return timestamps.size();
        }
    }

    /** Decodes every frame and all the sound; keeps a copy of frame number keep (or the last, if fewer). */
    static Decoded decode(Path mp4, int keep) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(mp4.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            List<Long> timestamps = new ArrayList<>();
            BufferedImage kept = null;
            long audioSamples = 0;
            Frame frame;
            while ((frame = grabber.grab()) != null) {
                if (frame.image != null) {
                    if (timestamps.size() <= keep) {
                        kept = picture(frame);
                    }
                    timestamps.add(frame.timestamp);
                } else if (frame.samples != null) {
                    audioSamples += frame.samples[0].limit() / (frame.samples.length == 1 ? frame.audioChannels : 1);
                }
            }
            boolean audio = grabber.hasAudio();
            return new Decoded(avcodec.avcodec_get_name(grabber.getVideoCodec()).getString(), grabber.getImageWidth(),
                    grabber.getImageHeight(), timestamps, kept,
                    audio ? avcodec.avcodec_get_name(grabber.getAudioCodec()).getString() : null,
                    audio ? grabber.getSampleRate() : 0, audio ? grabber.getAudioChannels() : 0,
                    audio ? audioSamples * 1_000_000 / grabber.getSampleRate() : 0);
        }
    }

    /**
     * A decoded BGR24 frame as an image, read with the frame's stride. Not Java2DFrameConverter: FFmpeg pads
     * rows (a 90 px row of 270 bytes takes 384), and JavaCV then takes stride / width for the channel count
     * (4), which the converter believes.
     */
    static BufferedImage picture(Frame frame) {
        ByteBuffer bgr = (ByteBuffer) frame.image[0];
        BufferedImage image = new BufferedImage(frame.imageWidth, frame.imageHeight, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < frame.imageHeight; y++) {
            for (int x = 0; x < frame.imageWidth; x++) {
                int at = y * frame.imageStride + x * 3;
                image.setRGB(x, y, (bgr.get(at + 2) & 0xff) << 16 | (bgr.get(at + 1) & 0xff) << 8 | bgr.get(at) & 0xff);
            }
        }
        return image;
    }

    /** Timestamps of a file's video frames, from its container's start, in microseconds. */
    static List<Long> sourceTimestamps(Path file) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            long start = grabber.getFormatContext().start_time();
            long origin = start == avutil.AV_NOPTS_VALUE ? 0 : start;
            List<Long> timestamps = new ArrayList<>();
            for (Frame frame; (frame = grabber.grabImage()) != null; ) {
                timestamps.add(frame.timestamp - origin);
            }
            return timestamps;
        }
    }

    /** For each frame, the first column in row y that is white (luma over 200), or -1. */
    static List<Integer> whiteColumns(Path mp4, int y) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(mp4.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
            grabber.start();
            List<Integer> columns = new ArrayList<>();
            for (Frame frame; (frame = grabber.grabImage()) != null; ) {
                ByteBuffer luma = (ByteBuffer) frame.image[0];
                int found = -1;
                for (int x = 0; x < frame.imageWidth && found < 0; x++) {
                    if ((luma.get(y * frame.imageStride + x) & 0xff) > 200) {
                        found = x;
                    }
                }
                columns.add(found);
            }
            return columns;
        }
    }

    /** Every frame at n / 25 s exactly (to the millisecond), as a constant rate means. */
    static void assertConstantRate(Decoded decoded, int frameRate) {
        for (int n = 0; n < decoded.frames(); n++) {
            long expected = Math.round(n * 1e6 / frameRate);
            assertEquals(expected, decoded.timestamps().get(n), 1000, "timestamp of frame " + n);
        }
    }

    static boolean isBlack(int rgb) {
        Color c = new Color(rgb);
        return Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue())) <= 40;
    }

    static void assertColour(Color expected, BufferedImage image, int x, int y, String where) {
        Color actual = new Color(image.getRGB(x, y));
        boolean near = Math.abs(actual.getRed() - expected.getRed()) <= 50
                && Math.abs(actual.getGreen() - expected.getGreen()) <= 50
                && Math.abs(actual.getBlue() - expected.getBlue()) <= 50;
        assertTrue(near, String.format(Locale.ROOT, "%s at (%d,%d): expected about %s, found %s", where, x, y,
                rgb(expected), rgb(actual)));
    }

    private static String rgb(Color c) {
        return "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
    }

    /**
     * The picture fills a centred box of the source's shape (aspect = width / height as seen) that touches
     * two opposite sides of the frame; everything outside is black and nothing just inside is. Allows 3
     * pixels for rounding to even sizes and for colour bleeding across the edge.
     */
    static void assertFittedAndPadded(BufferedImage frame, double aspect, Color edgeColour, Color centreColour) {
        int width = frame.getWidth();
        int height = frame.getHeight();
        double boxWidth = Math.min(width, height * aspect);
        double boxHeight = Math.min(height, width / aspect);
        int left = (int) Math.round((width - boxWidth) / 2);
        int right = (int) Math.round((width + boxWidth) / 2); // exclusive
        int top = (int) Math.round((height - boxHeight) / 2);
        int bottom = (int) Math.round((height + boxHeight) / 2);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean outside = x < left - 3 || x >= right + 3 || y < top - 3 || y >= bottom + 3;
                if (outside) {
                    assertTrue(isBlack(frame.getRGB(x, y)), "padding at (" + x + "," + y + ") is not black; box "
                            + left + ".." + right + " × " + top + ".." + bottom);
                }
            }
        }
        int midY = (top + bottom) / 2;
        int midX = (left + right) / 2;
        assertColour(edgeColour, frame, left + 3, midY, "left edge of the picture");
        assertColour(edgeColour, frame, right - 4, midY, "right edge of the picture");
        assertColour(edgeColour, frame, midX, bottom - 4, "bottom edge of the picture");
        assertColour(centreColour, frame, midX, midY, "centre of the picture");
    }

    /** The index (moov) comes before the media data (mdat): a player can start before the download ends. */
    static void assertIndexFirst(Path mp4) throws IOException {
        String head = new String(Files.readAllBytes(mp4), StandardCharsets.ISO_8859_1);
        int moov = head.indexOf("moov");
        int mdat = head.indexOf("mdat");
        assertTrue(moov >= 0 && moov < mdat, "moov at " + moov + ", mdat at " + mdat);
    }
}
