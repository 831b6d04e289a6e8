package communecast.app.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

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

    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(5, 0));

    @Test
    void aPlayIsQuietIfAnyOfItSoundsInTheWindow() {
        assertTrue(overlaps(NIGHT, "2026-12-07T21:50", Duration.ofMinutes(20)), "a 20-minute bulletin at 21:50 runs into 22:00");
        assertFalse(overlaps(NIGHT, "2026-12-07T21:40", Duration.ofMinutes(20)), "one that ends at 22:00 does not");
        assertTrue(overlaps(NIGHT, "2026-12-08T04:50", Duration.ofMinutes(5)), "inside the window opened the evening before");
        assertFalse(overlaps(NIGHT, "2026-12-08T05:00", Duration.ofMinutes(30)), "after it closed");
        assertTrue(overlaps(NIGHT, "2026-12-07T06:00", Duration.ofHours(17)), "a long relay into the next night");
        QuietHours siesta = new QuietHours(LocalTime.of(11, 30), LocalTime.of(13, 30));
        assertTrue(overlaps(siesta, "2026-12-07T11:15", Duration.ofMinutes(20)));
        assertFalse(overlaps(siesta, "2026-12-07T13:30", Duration.ofMinutes(20)));
    }

    @Test
    void aPlayOfUnknownLengthIsJudgedByItsStartAndAnEmptyWindowIsNeverQuiet() {
        assertFalse(overlaps(NIGHT, "2026-12-07T21:59", Duration.ZERO));
        assertTrue(overlaps(NIGHT, "2026-12-07T22:00", Duration.ZERO));
        assertFalse(overlaps(new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT), "2026-12-07T21:00", Duration.ofHours(30)));
    }

    private static boolean overlaps(QuietHours quiet, String localStart, Duration length) {
        Instant start = LocalDateTime.parse(localStart).atZone(HANOI).toInstant();
        return quiet.overlaps(start, start.plus(length), HANOI);
    }
}
