package communecast.agent.link;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;

/**
 * The NTP-style estimate of how far the server's clock is ahead of this computer's, from time exchanges
 * (docs/protocol.md, "timeRequest"). A sample taken over a slow round trip (a 4G link that stalls) is less
 * exact, so the one with the shortest round trip among the last few wins.
 */
final class TimeSync {
    private static final int KEPT = 8;

    /** {@code ahead}: server clock minus this computer's own clock. */
    record Sample(Duration ahead, Duration roundTrip) {
    }

    private final Deque<Sample> recent = new ArrayDeque<>();

    /**
     * t0 and t3 are read on the agent's corrected clock, which was {@code correction} ahead of the computer's
     * own at the time; t1 and t2 on the server's.
     */
    synchronized Sample add(Instant t0, Instant t1, Instant t2, Instant t3, Duration correction) {
        Duration residual = Duration.between(t0, t1).plus(Duration.between(t3, t2)).dividedBy(2);
        Duration roundTrip = Duration.between(t0, t3).minus(Duration.between(t1, t2));
        recent.addLast(new Sample(correction.plus(residual), roundTrip.isNegative() ? Duration.ZERO : roundTrip));
        if (recent.size() > KEPT) {
            recent.removeFirst();
        }
        return recent.stream().min(Comparator.comparing(Sample::roundTrip)).orElseThrow();
    }
}
