package communecast.app.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one device resolves plays that overlap, replayed ahead of time: the rule of docs/protocol.md
 * ("Overlapping plays") that the agent applies as the plays come. One play on air at a time; a play whose time
 * comes while another is on air cuts it if its level is strictly higher, else it waits, and starts when the
 * stage is free unless it is then later than its latest start (30 s after its time, or the end of an
 * emergency's window), in which case it does not air. Plays due at the same instant, and waiting plays, go in
 * order of time, then level, then the older campaign, then the lower order. A play of known length that has
 * had it within 100 ms of the next one's time ends then (back to back).
 */
public final class Overlaps {
    public static final Duration LATE_TOLERANCE = Duration.ofSeconds(30);
    /** A play that began this long before a range may still be on air in it: the views replay from this far back. */
    public static final Duration LOOK_BACK = Duration.ofHours(1);
    static final Duration BACK_TO_BACK_SLACK = Duration.ofMillis(100);

    /** Who goes first: the earlier time, then the higher level, then the older campaign, then the lower order. */
    private static final Comparator<Slot> PRECEDENCE = Comparator.comparing(Slot::startAt)
            .thenComparing(Slot::level, Comparator.reverseOrder()).thenComparingLong(Slot::campaignId).thenComparingLong(Slot::order);

    private Overlaps() {
    }

    /**
     * One play due on the device. {@code order} breaks ties as the agent's order id does (the server's plans have
     * no order yet: the item's id, which dispatch's insert order follows within a campaign). {@code endAt} equal to
     * {@code startAt} (length not known) still takes its instant. {@code playUntil}: an emergency's window, or null.
     */
    public record Slot(long campaignId, long order, Level level, Instant startAt, Instant endAt, Instant playUntil) {

        Instant latestStart() {
            Instant byTolerance = startAt.plus(LATE_TOLERANCE);
            return playUntil != null && playUntil.isAfter(byTolerance) ? playUntil : byTolerance;
        }

        boolean lengthKnown() {
            return endAt.isAfter(startAt);
        }

        Duration length() {
            return lengthKnown() ? Duration.between(startAt, endAt) : Duration.ofMillis(1);
        }
    }

    /** What happens to a play when its time comes. */
    public enum Kind {
        /** Nothing on air: it starts on time. */
        CLEAR,
        /** It starts on time and cuts {@code other}, of a lower level, on air. */
        CUTS,
        /** It waits, and starts at {@code startsAt}, when {@code other} ends. */
        WAITS,
        /** It waits, and {@code other} still holds the device at its latest start: it does not air. */
        DROPPED
    }

    /**
     * A play's fate: {@code other} is the play it cuts, waits for (the one whose end gives it the device) or is
     * dropped behind (the one on the device at its latest start); {@code startsAt} when it really starts (null if
     * it does not); {@code cutBy} the later play that cuts it; {@code waiter} the first play that had to wait
     * because this one was on air.
     */
    public record Outcome(Slot slot, Kind kind, Slot other, Instant startsAt, Slot cutBy, Slot waiter) {

        Outcome cutBy(Slot by) {
            return new Outcome(slot, kind, other, startsAt, by, waiter);
        }

        /** The first play that waits for this one is the one named. */
        Outcome waitedForBy(Slot next) {
            return waiter != null ? this : new Outcome(slot, kind, other, startsAt, cutBy, next);
        }
    }

    /** Every slot's outcome, for the plays of one device (any order in, each slot out once). */
    public static Map<Slot, Outcome> resolve(List<Slot> slots) {
        return new Replay().run(slots);
    }

    /** The device's stage, play by play. */
    private static final class Replay {
        private final Map<Slot, Outcome> outcomes = new HashMap<>();
        private final List<Slot> waiting = new ArrayList<>();
        private Slot onAir;
        private Instant onAirSince;

        Map<Slot, Outcome> run(List<Slot> slots) {
            List<Slot> sorted = new ArrayList<>(slots);
            sorted.sort(PRECEDENCE);
            for (Slot next : sorted) {
                Instant t = next.startAt();
                endUntil(t);
                if (onAir != null && !outranks(next, onAir) && onAir.lengthKnown() && !onAirEnd().isAfter(t.plus(BACK_TO_BACK_SLACK))) {
                    // Back to back on the dot: the one on air ends now, as PLAYED; the stage goes to the first waiting.
                    if (waiting.isEmpty()) {
                        onAir = null;
                    } else {
                        queue(next);
                        endNow(t);
                        continue;
                    }
                }
                arrive(next);
            }
            endUntil(Instant.MAX);
            return outcomes;
        }

        private void arrive(Slot next) {
            if (onAir == null) {
                start(next, Kind.CLEAR, null, next.startAt());
            } else if (outranks(next, onAir)) {
                outcomes.put(onAir, outcomes.get(onAir).cutBy(next));
                start(next, Kind.CUTS, onAir, next.startAt());
            } else {
                queue(next);
            }
        }

        private void queue(Slot next) {
            waiting.add(next);
            outcomes.put(onAir, outcomes.get(onAir).waitedForBy(next));
        }

        /** Ends, one after another, what has had its length by {@code t}, handing the stage on each time. */
        private void endUntil(Instant t) {
            while (onAir != null && !onAirEnd().isAfter(t)) {
                endNow(onAirEnd());
            }
        }

        /** The play on air leaves at {@code at}: the first waiting play still in time gets the stage; those past it never air. */
        private void endNow(Instant at) {
            Slot holder = onAir;
            onAir = null;
            waiting.sort(PRECEDENCE);
            while (!waiting.isEmpty()) {
                Slot first = waiting.removeFirst();
                if (at.isAfter(first.latestStart())) {
                    outcomes.put(first, new Outcome(first, Kind.DROPPED, holder, null, null, null));
                } else {
                    start(first, Kind.WAITS, holder, at);
                    return;
                }
            }
        }

        private Instant onAirEnd() {
            return onAirSince.plus(onAir.length());
        }

        private void start(Slot slot, Kind kind, Slot other, Instant at) {
            onAir = slot;
            onAirSince = at;
            outcomes.put(slot, new Outcome(slot, kind, other, at, null, null));
        }

        private static boolean outranks(Slot a, Slot b) {
            return a.level().compareTo(b.level()) > 0;
        }
    }
}
