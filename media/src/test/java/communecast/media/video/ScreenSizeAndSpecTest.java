package communecast.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
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
    @CsvSource({"383, 192", "384, 191", "6, 192", "8, 8", "14, 16", "16, 14", "384, 7682", "7680, 4320", "4096, 2320",
            "4098, 2302", "7680, 1232", "0, 0", "-2, 96"})
    void oddOrOutOfRangeSidesAreRefused(int width, int height) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScreenSize(width, height));

        assertTrue(e.getMessage().startsWith("screen "), e.getMessage());
    }

    @Test
    void anOddSideIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScreenSize(383, 192));

        assertEquals("screen 383×192 has an odd side: an LED screen's width and height must be even numbers of pixels"
                + " from 16 to 7680, and the screen at most 4096×2304 pixels in area, each side counted up to a multiple of"
                + " 16 (so 7680×1200 fits, 7680×1232 does not): the largest the H.264 encoder makes; for an odd panel"
                + " register one pixel more and the player crops the extra line", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"16, 16", "4096, 2304", "2304, 4096", "7680, 1200", "7680, 16", "16, 7680", "4094, 2304", "384, 192"})
    void everySizeTheEncoderMakesIsAccepted(int width, int height) {
        assertEquals(Optional.empty(), ScreenSize.problem(width, height));
        assertEquals(width, new ScreenSize(width, height).width());
    }

    @Test
    void aRefusalSaysWhichWayTheSizeIsWrong() {
        assertTrue(ScreenSize.problem(8, 8).orElseThrow().startsWith("screen 8×8 is too small: "));
        assertTrue(ScreenSize.problem(7680, 4320).orElseThrow().startsWith("screen 7680×4320 is too large: "));
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
            "7680, 1200, 12000"})
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
