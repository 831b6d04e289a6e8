package communecast.media.audio;

import communecast.media.MediaProbe;
import communecast.media.MediaRejectedException;
import communecast.media.ProgressListener;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A picture of an audio file for the UI: for each pixel column the lowest and highest sample value (over all
 * channels) in that column's stretch of time, drawn as a vertical bar on a transparent background, full scale
 * filling the height. Silence shows as a one-pixel centre line. For how the broadcast will sound, draw it from the
 * rendition rather than the upload: a quiet upload gives a thin picture.
 */
public final class Waveform {

    /** The UI's accent blue. */
    public static final Color COLOR = new Color(0x1f, 0x6f, 0xeb);
    public static final int MAX_SIZE = 8192;

    /** Envelope blocks kept while decoding; when full, neighbours merge and each block covers twice the time. */
    private static final int MAX_BLOCKS = 1 << 16;

    private Waveform() {
    }

    public static void render(Path input, Path png, int width, int height) throws MediaRejectedException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(png, "png");
        if (width < 1 || height < 1 || width > MAX_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("waveform size must be 1.." + MAX_SIZE + " each way: " + width + "x" + height);
        }
        Envelope envelope = envelope(input);
        BufferedImage image = draw(envelope, width, height);
        Path part = png.resolveSibling(png.getFileName() + ".part");
        try {
            if (!ImageIO.write(image, "png", part.toFile())) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
            Files.move(part, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // Only if the directory became unwritable.
            }
        }
    }

    /** Lowest and highest sample of each block of equal length, in time order; {@code blocks} are in use. */
    record Envelope(float[] min, float[] max, int blocks) {
    }

    static Envelope envelope(Path input) throws MediaRejectedException {
        float[] min = new float[MAX_BLOCKS];
        float[] max = new float[MAX_BLOCKS];
        Arrays.fill(min, Float.MAX_VALUE);
        Arrays.fill(max, -Float.MAX_VALUE);
        long blockFrames = 64;
        int block = 0;
        long inBlock = 0;
        try (AudioInput audio = AudioInput.open(input, new MediaProbe(), ProgressListener.NONE)) {
            int channels = audio.channels();
            for (FloatBuffer samples; (samples = audio.next()) != null; ) {
                while (samples.remaining() >= channels) {
                    for (int c = 0; c < channels; c++) {
                        float v = samples.get();
                        min[block] = Math.min(min[block], v);
                        max[block] = Math.max(max[block], v);
                    }
                    if (++inBlock == blockFrames) {
                        inBlock = 0;
                        if (++block == MAX_BLOCKS) {
                            halve(min, true);
                            halve(max, false);
                            block = MAX_BLOCKS / 2;
                            blockFrames *= 2;
                        }
                    }
                }
            }
        }
        return new Envelope(min, max, inBlock > 0 ? block + 1 : block);
    }

    /** Merges neighbouring blocks pairwise into the first half and clears the second half. */
    private static void halve(float[] values, boolean lowest) {
        for (int i = 0; i < MAX_BLOCKS / 2; i++) {
            float a = values[2 * i];
            float b = values[2 * i + 1];
            values[i] = lowest ? Math.min(a, b) : Math.max(a, b);
        }
        Arrays.fill(values, MAX_BLOCKS / 2, MAX_BLOCKS, lowest ? Float.MAX_VALUE : -Float.MAX_VALUE);
    }

    static BufferedImage draw(Envelope envelope, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int rgb = COLOR.getRGB();
        double centre = (height - 1) / 2.0;
        for (int x = 0; x < width; x++) {
            // The blocks this column covers; at least one, so a short file still fills every column.
            int from = (int) ((long) x * envelope.blocks() / width);
            int to = Math.max(from + 1, (int) ((long) (x + 1) * envelope.blocks() / width));
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (int b = from; b < Math.min(to, envelope.blocks()); b++) {
                lo = Math.min(lo, envelope.min()[b]);
                hi = Math.max(hi, envelope.max()[b]);
            }
            if (lo > hi) {
                lo = 0;
                hi = 0;
            }
            int top = (int) Math.floor(centre - clamp(hi) * centre);
            int bottom = (int) Math.ceil(centre - clamp(lo) * centre);
            for (int y = Math.max(0, top); y <= Math.min(height - 1, bottom); y++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static double clamp(float v) {
        return Math.max(-1, Math.min(1, v));
    }
}
