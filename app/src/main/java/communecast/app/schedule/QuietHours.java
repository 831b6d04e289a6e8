package communecast.app.schedule;

import java.time.LocalTime;

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

    @Override
    public String toString() {
        return from + "–" + to;
    }
}
