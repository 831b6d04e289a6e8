package communecast.media.video;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of an LED screen in pixels, e.g. 384×192 (a wall of 12×6 modules of 32×32 px).
 *
 * <p>Both sides must be even and within {@value #MIN_SIDE}..{@value #MAX_SIDE}. Even, because the
 * renditions are H.264 in 4:2:0 chroma, the one format every player decodes, which codes colour in 2×2
 * pixel blocks: FFmpeg cannot pad a picture to an odd size in it. LED screens are built from modules 16,
 * 32 or 64 px wide, so real screens are even; for an odd one, render for the next even size up and let the
 * player crop the extra (black) line.
 */
public record ScreenSize(int width, int height) {

    public static final int MIN_SIDE = 8;
    /** 8K UHD's width: no LED wall in a commune comes near it. */
    public static final int MAX_SIDE = 7680;

    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,5})\\s*[x×X]\\s*(\\d{1,5})\\s*");

    public ScreenSize {
        check("width", width);
        check("height", height);
    }

    private static void check(String side, int pixels) {
        if (pixels < MIN_SIDE || pixels > MAX_SIDE) {
            throw new IllegalArgumentException("screen " + side + " must be " + MIN_SIDE + ".." + MAX_SIDE
                    + " pixels, not " + pixels);
        }
        if (pixels % 2 != 0) {
            throw new IllegalArgumentException("screen " + side + " must be even (H.264 4:2:0 codes 2×2 blocks), not "
                    + pixels + ": render for " + (pixels + 1) + " and let the player crop the extra line");
        }
    }

    /** Reads "384x192" (also "384×192", "384 X 192"), the form {@link #label()} writes. */
    public static ScreenSize parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a screen size like 384x192: '" + text + "'");
        }
        return new ScreenSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** "384x192": fit for file names and cache keys. */
    public String label() {
        return String.format(Locale.ROOT, "%dx%d", width, height);
    }

    public long pixels() {
        return (long) width * height;
    }
}
