package communecast.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with random jitter: the first delay, doubling up to the maximum. The jitter keeps a
 * province's agents from all knocking at once after the server comes back.
 */
public final class Backoff {

    private static final double JITTER = 0.25;
    private static final double MOVE_SPREAD = 3;

    private final Duration first;
    private final Duration max;
    private final RandomGenerator random;
    private Duration next;

    public Backoff(Duration first, Duration max, RandomGenerator random) {
        this.first = first;
        this.max = max;
        this.random = random;
        this.next = first;
    }

    /** 1 s doubling to 60 s, as the protocol asks of reconnects. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), RandomGenerator.getDefault());
    }

    public synchronized Duration nextDelay() {
        Duration base = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return jittered(base);
    }

    /**
     * The next delay spread over up to four times its length, without making the one after longer: another
     * server of the list is worth a try as soon as the last one was (only a whole round failed waits longer),
     * and the thousands of agents of a node that died reach the next one over seconds, not in one burst.
     */
    public synchronized Duration sameDelay() {
        return next.plusMillis((long) (next.toMillis() * MOVE_SPREAD * random.nextDouble()));
    }

    private Duration jittered(Duration base) {
        long jitterMillis = (long) (base.toMillis() * JITTER * random.nextDouble());
        return base.plusMillis(jitterMillis);
    }

    public synchronized void reset() {
        next = first;
    }
}
