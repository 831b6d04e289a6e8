package communecast.app.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How one device resolves plays that overlap, replayed ahead of time: the rule of docs/protocol.md
 * ("Overlapping plays") that the agent applies as the plays come. One play on air at a time; a play whose time
 * comes while another is on air cuts it if its level is strictly higher, else it waits, and starts when the
 * stage is free unless it is then later than its latest start (30 s after its time, or the end of an
 * emergency's window), in which case it does not air. Plays due at the same instant go in order of level,
 * then the older campaign, then the lower order; waiting plays get the stage in order of time, then order.
 * A play that has had its whole length within 100 ms of the next one's time ends then (back to back).
 */
public final class Overlaps {
    public static final Duration LATE_TOLERANCE = Duration.ofSeconds(30);
    static final Duration BACK_TO_BACK_SLACK = Duration.ofMillis(100);

    /** Plays due at the same instant: the higher level, then the older campaign, then the lower order, first. */
    private static final Comparator<Slot> ARRIVAL = Comparator.comparing(Slot::startAt)
            .thenComparing(Slot::level, Comparator.reverseOrder()).thenComparingLong(Slot::campaignId).thenComparingLong(Slot::order);
    /** Who gets a free stage among the waiting: the earliest time, then the lower order. */
    private static final Comparator<Slot> WAITING = Comparator.comparing(Slot::startAt).thenComparingLong(Slot::campaignId)
            .thenComparingLong(Slot::order);

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

        Duration length() {
            return endAt.isAfter(startAt) ? Duration.between(startAt, endAt) : Duration.ofMillis(1);
        }
    }

    /** What happens to a play when its time comes. */
    public enum Kind {
        /** Nothing on air: it starts on time. */
        CLEAR,
        /** It starts on time and cuts {@code other}, of a lower level, on air. */
        CUTS,
        /** {@code other} is on air: it starts when the stage is free, at {@code startsAt}. */
        WAITS,
        /** {@code other} is on air, and the stage is not free before its latest start: it does not air. */
        DROPPED
    }

    /**
     * A play's fate: {@code other} is the play it cuts or waits behind (on air at its time); {@code startsAt} when it
     * really starts (null if it does not); {@code cutBy} the later play that cuts it; {@code waiter} the first play
     * that had to wait (or was dropped) while this one was on air.
     */
    public record Outcome(Slot slot, Kind kind, Slot other, Instant startsAt, Slot cutBy, Slot waiter) {

        /** Nothing happens to this play and it does nothing to another. */
        public boolean alone() {
            return kind == Kind.CLEAR && cutBy == null && waiter == null;
        }

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
        private final TreeSet<Slot> waiting = new TreeSet<>(WAITING);
        private final Map<Slot, Slot> blockedBy = new HashMap<>();
        private Slot onAir;
        private Instant onAirSince;

        Map<Slot, Outcome> run(List<Slot> slots) {
            List<Slot> sorted = new ArrayList<>(slots);
            sorted.sort(ARRIVAL);
            for (Slot next : sorted) {
                Instant t = next.startAt();
                endUntil(t);
                if (onAir != null && !outranks(next, onAir) && !onAirEnd().isAfter(t.plus(BACK_TO_BACK_SLACK))) {
                    // Back to back on the dot: the one on air ends now, as PLAYED, instead of making this one late.
                    onAir = null;
                    handOn(t);
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
                blockedBy.put(next, onAir);
                waiting.add(next);
                outcomes.put(onAir, outcomes.get(onAir).waitedForBy(next));
            }
        }

        /** Ends, one after another, what has had its length by {@code t}, handing the stage on each time. */
        private void endUntil(Instant t) {
            while (onAir != null && !onAirEnd().isAfter(t)) {
                Instant end = onAirEnd();
                onAir = null;
                handOn(end);
            }
        }

        /** The first waiting play still in time gets the stage; those past their latest start never air. */
        private void handOn(Instant freeAt) {
            while (!waiting.isEmpty()) {
                Slot first = waiting.pollFirst();
                if (freeAt.isAfter(first.latestStart())) {
                    outcomes.put(first, new Outcome(first, Kind.DROPPED, blockedBy.get(first), null, null, null));
                } else {
                    start(first, Kind.WAITS, blockedBy.get(first), freeAt);
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
