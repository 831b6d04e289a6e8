package communecast.app.playlog;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of time in which the zone's offset from UTC does not change, so SQL can find a play's local day as
 * DATE(scheduled_at + offset). Asia/Ho_Chi_Minh has one stretch; a zone with daylight saving time, two a year.
 */
record OffsetSpan(Instant from, Instant to, int offsetSeconds) {

    /** The stretches covering {@code from} (inclusive) to {@code to} (exclusive). */
    static List<OffsetSpan> of(ZoneId zone, Instant from, Instant to) {
        List<OffsetSpan> spans = new ArrayList<>();
        Instant start = from;
        while (start.isBefore(to)) {
            ZoneOffsetTransition next = zone.getRules().nextTransition(start);
            Instant end = next == null || next.getInstant().isAfter(to) ? to : next.getInstant();
            spans.add(new OffsetSpan(start, end, zone.getRules().getOffset(start).getTotalSeconds()));
            start = end;
        }
        return spans;
    }
}
