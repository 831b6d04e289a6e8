package communecast.app.schedule;

import org.junit.jupiter.api.Test;

import java.time.LocalTime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuietHoursTest {
    @Test
    void aWindowOverMidnightHoldsBothEnds() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(5, 0));
        assertTrue(night.contains(LocalTime.of(22, 0)), "from is inside");
        assertTrue(night.contains(LocalTime.of(23, 59)));
        assertTrue(night.contains(LocalTime.MIDNIGHT));
        assertTrue(night.contains(LocalTime.of(4, 59)));
        assertFalse(night.contains(LocalTime.of(5, 0)), "to is outside");
        assertFalse(night.contains(LocalTime.of(21, 59)));
        assertFalse(night.contains(LocalTime.NOON));
    }

    @Test
    void aDaytimeWindowAndAnEmptyOne() {
        QuietHours siesta = new QuietHours(LocalTime.of(11, 30), LocalTime.of(13, 30));
        assertTrue(siesta.contains(LocalTime.NOON));
        assertFalse(siesta.contains(LocalTime.of(13, 30)));
        assertFalse(siesta.contains(LocalTime.of(6, 0)));
        assertFalse(new QuietHours(LocalTime.NOON, LocalTime.NOON).contains(LocalTime.NOON), "from = to: never quiet");
    }
}
