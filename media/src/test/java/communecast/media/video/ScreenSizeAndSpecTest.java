package communecast.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScreenSizeAndSpecTest {

    @Test
    void aScreenSizeReadsAndWritesItsLabel() {
        ScreenSize wall = ScreenSize.parse("384x192");

        assertEquals(new ScreenSize(384, 192), wall);
        assertEquals("384x192", wall.label());
        assertEquals(wall, ScreenSize.parse(" 384 × 192 "));
        assertEquals(73_728, wall.pixels());
    }

    @ParameterizedTest
    @CsvSource({"383, 192", "384, 191", "6, 192", "384, 7682", "0, 0", "-2, 96"})
    void oddOrOutOfRangeSidesAreRefused(int width, int height) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScreenSize(width, height));

        assertTrue(e.getMessage().startsWith("screen "), e.getMessage());
    }

    @Test
    void anOddSideIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScreenSize(383, 192));

        assertEquals("screen width must be even (H.264 4:2:0 codes 2×2 blocks), not 383: render for 384 and let the"
                + " player crop the extra line", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "384", "384x", "x192", "384x192x2", "abc"})
    void nonsenseIsNotASize(String text) {
        assertThrows(IllegalArgumentException.class, () -> ScreenSize.parse(text));
    }

    @ParameterizedTest
    @CsvSource({
            "192, 96, 250",      // 46 by the formula: the floor
            "384, 192, 250",     // 184 by the formula: the floor
            "640, 320, 512",
            "1280, 720, 2304",
            "1920, 1080, 5184",
            "3840, 2160, 12000", // 20736 by the formula: the ceiling
            "7680, 4320, 12000"})
    void theBitrateIsATenthOfABitPerPixelPerFrameWithinLimits(int width, int height, int kbps) {
        VideoRenditionSpec spec = VideoRenditionSpec.forScreen(new ScreenSize(width, height));

        assertEquals(kbps, spec.bitrateKbps());
        assertEquals(25, spec.frameRate());
        assertEquals(Duration.ofSeconds(15), spec.stillDuration());
        assertEquals(375, spec.stillFrames());
    }

    @Test
    void theStillDurationIsTheStaffsChoice() {
        VideoRenditionSpec spec = VideoRenditionSpec.forScreen(new ScreenSize(384, 192)).withStillDuration(Duration.ofSeconds(8));

        assertEquals(Duration.ofSeconds(8), spec.stillDuration());
        assertEquals(200, spec.stillFrames());
        assertThrows(IllegalArgumentException.class, () -> spec.withStillDuration(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> spec.withStillDuration(Duration.ofHours(5)));
    }

    @Test
    void nonsenseSpecsAreRefused() {
        ScreenSize wall = new ScreenSize(384, 192);

        assertThrows(IllegalArgumentException.class, () -> new VideoRenditionSpec(wall, 0, 250, Duration.ofSeconds(15)));
        assertThrows(IllegalArgumentException.class, () -> new VideoRenditionSpec(wall, 61, 250, Duration.ofSeconds(15)));
        assertThrows(IllegalArgumentException.class, () -> new VideoRenditionSpec(wall, 25, 10, Duration.ofSeconds(15)));
        assertThrows(NullPointerException.class, () -> new VideoRenditionSpec(null, 25, 250, Duration.ofSeconds(15)));
    }
}
