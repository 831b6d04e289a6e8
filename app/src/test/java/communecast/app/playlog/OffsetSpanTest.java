package communecast.app.playlog;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stretches of constant offset in which SQL finds a play's local day as DATE(scheduled_at + offset). */
class OffsetSpanTest {
    @Test
    void vietnamHasOneOffsetAllYear() {
        Instant from = Instant.parse("2025-11-01T00:00:00Z");
        Instant to = Instant.parse("2026-11-01T00:00:00Z");
        assertEquals(List.of(new OffsetSpan(from, to, 7 * 3600)), OffsetSpan.of(ZoneId.of("Asia/Ho_Chi_Minh"), from, to));
    }

    @Test
    void aDaylightSavingSwitchSplitsTheTime() {
        Instant from = Instant.parse("2026-03-28T00:00:00Z");
        Instant to = Instant.parse("2026-04-02T00:00:00Z");
        Instant spring = Instant.parse("2026-03-29T01:00:00Z");
        assertEquals(List.of(new OffsetSpan(from, spring, 3600), new OffsetSpan(spring, to, 7200)),
                OffsetSpan.of(ZoneId.of("Europe/Berlin"), from, to));
    }

    @Test
    void aSwitchAtTheEndIsLeftOut() {
        Instant from = Instant.parse("2026-03-28T00:00:00Z");
        Instant spring = Instant.parse("2026-03-29T01:00:00Z");
        assertEquals(List.of(new OffsetSpan(from, spring, 3600)), OffsetSpan.of(ZoneId.of("Europe/Berlin"), from, spring));
    }
}
