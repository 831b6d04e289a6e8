package communecast.media.video;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of an LED screen in pixels, e.g. 384×192 (a wall of 12×6 modules of 32×32 px): only sizes our H.264
 * encoder (OpenH264 in FFmpeg) can make, {@link #RULE}. Measured on it (issue 21):
 * <ul>
 *   <li>each side at least {@value #MIN_SIDE}: 8×8, 12×12, 14×14, 16×8 fail at the first frame ("Don't support
 *       width or height which is less than 16"), 16×16 works;</li>
 *   <li>at most {@value #MAX_MACROBLOCKS} blocks of 16×16 pixels (H.264 level 5.1's frame size, 4096×2304 =
 *       9,437,184 pixels), each side rounded up to whole blocks: 4096×2304 and 7680×1200 work; 4096×2320,
 *       4098×2302 (coded as 4112×2304), 7680×1228, 5120×2880 and 7680×4320 are refused when the encoder opens;</li>
 *   <li>a side may be long if the other is short: 7680×16, 7680×64 and 16×7680 work; {@value #MAX_SIDE}, 8K UHD's
 *       width, is our own cap (the encoder took 16384×16), as no commune wall comes near it;</li>
 *   <li>even: the renditions are 4:2:0, which codes colour in 2×2 pixel blocks, and the encoder silently
 *       makes an odd size one pixel larger (385×193 came out 386×194), which is not the screen's size. LED
 *       screens are built from modules 16, 32 or 64 px wide, so real screens are even; for an odd one,
 *       register the next even size up and let the player crop the extra (black) line.</li>
 * </ul>
 */
public record ScreenSize(int width, int height) {

    public static final int MIN_SIDE = 16;
    public static final int MAX_SIDE = 7680;
    public static final int MAX_MACROBLOCKS = 36_864;
    /** What every refusal says, for staff registering a screen. */
    public static final String RULE = "an LED screen's width and height must be even numbers of pixels from " + MIN_SIDE
            + " to " + MAX_SIDE + ", and the screen at most 4096×2304 pixels in area, each side counted up to a multiple"
            + " of 16 (so 7680×1200 fits, 7680×1232 does not): the largest the H.264 encoder makes";

    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,5})\\s*[x×X]\\s*(\\d{1,5})\\s*");

    public ScreenSize {
        Optional<String> problem = problem(width, height);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /** Why the encoder cannot make this size, in words staff can act on; empty when it can. */
    public static Optional<String> problem(int width, int height) {
        String size = width + "×" + height;
        if (width < MIN_SIDE || height < MIN_SIDE) {
            return Optional.of("screen " + size + " is too small: " + RULE);
        }
        if (width > MAX_SIDE || height > MAX_SIDE || blocks(width) * blocks(height) > MAX_MACROBLOCKS) {
            return Optional.of("screen " + size + " is too large: " + RULE);
        }
        if (width % 2 != 0 || height % 2 != 0) {
            return Optional.of("screen " + size + " has an odd side: " + RULE
                    + "; for an odd panel register one pixel more and the player crops the extra line");
        }
        return Optional.empty();
    }

    private static long blocks(int side) {
        return (side + 15) / 16;
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
