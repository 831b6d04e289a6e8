package communecast.agent.player;

import communecast.agent.orders.Order;
import java.nio.file.Path;
import java.time.Instant;

/** Hands the player the verified media file of an order. */
@FunctionalInterface
public interface MediaSource {

    /** Waits at most until {@code deadline} for the order's media to be on disk and verified. */
    Path await(Order order, Instant deadline) throws MediaNotReadyException, InterruptedException;
}
