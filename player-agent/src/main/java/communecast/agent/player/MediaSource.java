package communecast.agent.player;

import communecast.agent.orders.Order;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Hands the player the verified media file of an order. */
@FunctionalInterface
public interface MediaSource {

    /** How long before air time {@link #checkAhead} is called. */
    Duration CHECK_AHEAD = Duration.ofMinutes(2);

    /**
     * Makes sure, minutes before the play, that the order's media will be ready and intact; returns at once.
     * A source that keeps no files has nothing to check.
     */
    default void checkAhead(Order order) {
    }

    /** Waits at most until {@code deadline} for the order's media to be on disk and verified. */
    Path await(Order order, Instant deadline) throws MediaNotReadyException, InterruptedException;
}
