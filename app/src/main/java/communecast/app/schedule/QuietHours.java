package communecast.app.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/** A daily window when loudspeakers stay silent, e.g. 22:00–05:00 (it may wrap past midnight). */
public record QuietHours(LocalTime from, LocalTime to) {

    /** Whether a play starting at this local time would start inside the window. */
    public boolean contains(LocalTime start) {
        if (from.equals(to)) {
            return false;
        }
        return from.isBefore(to)
                ? !start.isBefore(from) && start.isBefore(to)
                : !start.isBefore(from) || start.isBefore(to);
    }

    /**
     * Whether a play sounding over [start, end) would be heard in the window at any moment: a 20-minute
     * bulletin at 21:50 runs into 22:00. A play of no known length is judged by its start.
     */
    public boolean overlaps(Instant start, Instant end, ZoneId zone) {
        if (!end.isAfter(start)) {
            return contains(start.atZone(zone).toLocalTime());
        }
        if (from.equals(to)) {
            return false;
        }
        // The window that began the day before may still be open at the start (22:00–05:00 at 04:50).
        LocalDate last = end.atZone(zone).toLocalDate();
        for (LocalDate day = start.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            Instant opens = day.atTime(from).atZone(zone).toInstant();
            Instant closes = (from.isBefore(to) ? day : day.plusDays(1)).atTime(to).atZone(zone).toInstant();
            if (opens.isBefore(end) && start.isBefore(closes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return from + "–" + to;
    }
}
