package communecast.app.schedule;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plays of the campaigns a commune put first, device by device, for the campaign that goes after them: a
 * play of it that would meet one of theirs starts when theirs ends (and again, if that meets the next). Read once
 * per {@link Airings#each} call, over the range of its starts.
 */
final class FirstPlays {
    /** Enough for a run of back-to-back plays of the first campaign; beyond it the device's own rule decides. */
    private static final int MAX_MOVES = 20;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private record Span(Instant startAt, Instant endAt, String title) {
    }

    /** Where a play really starts, and why it moved (null: it did not). */
    record Placed(Instant startAt, String movedBecause) {
    }

    private final Airings airings;
    private final List<Follow> follows;
    private final Instant from;
    private final Instant to;
    private final ZoneId zone;
    private final Map<Follow, List<Occurrence>> startsOf = new HashMap<>();
    private final Map<Long, List<Span>> byDevice = new HashMap<>();

    FirstPlays(Airings airings, List<Follow> follows, List<Occurrence> starts, ZoneId zone) {
        this.airings = airings;
        this.follows = follows;
        this.zone = zone;
        this.from = starts.isEmpty() ? Instant.EPOCH : starts.getFirst().startAt().minus(Overlaps.LOOK_BACK);
        this.to = starts.isEmpty() ? Instant.EPOCH : starts.getLast().startAt().plus(Overlaps.LOOK_BACK);
    }

    Placed place(Target target, Instant asked, long durationMs) {
        List<Span> theirs = follows.isEmpty() ? List.of() : byDevice.computeIfAbsent(target.deviceId(), d -> spans(target));
        Instant at = asked;
        String after = null;
        for (int move = 0; move < MAX_MOVES; move++) {
            Span met = met(theirs, at, at.plusMillis(Math.max(durationMs, 1)));
            if (met == null) {
                break;
            }
            at = met.endAt();
            after = met.title();
        }
        return after == null ? new Placed(asked, null)
                : new Placed(at, "due at " + HH_MM.format(LocalTime.ofInstant(asked, zone)) + ", moved after «" + after
                + "»: the order the commune picked");
    }

    private static Span met(List<Span> spans, Instant start, Instant end) {
        return spans.stream().filter(s -> s.startAt().isBefore(end) && s.endAt().isAfter(start)).findFirst().orElse(null);
    }

    /** The first campaigns' planned plays of known length on this device, in time order. */
    private List<Span> spans(Target target) {
        List<Span> spans = new ArrayList<>();
        for (Follow follow : follows) {
            if (follow.deviceIds().contains(target.deviceId())) {
                List<Occurrence> starts = startsOf.computeIfAbsent(follow, f -> airings.starts(f.first().schedule(), from, to));
                airings.each(follow.first().on(target), starts, a -> {
                    if (a.planned() && a.endAt().isAfter(a.startAt())) {
                        spans.add(new Span(a.startAt(), a.endAt(), follow.firstTitle()));
                    }
                });
            }
        }
        spans.sort(Comparator.comparing(Span::startAt));
        return spans;
    }
}
