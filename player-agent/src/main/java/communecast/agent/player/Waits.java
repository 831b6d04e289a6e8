package communecast.agent.player;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Waits for instants of the injected clock, so tests and the server's time both steer playback. */
final class Waits {

    private final Clock clock;

    Waits(Clock clock) {
        this.clock = clock;
    }

    /** Returns at {@code target} (at once if it has passed); a stop request interrupts the wait. */
    void until(Instant target) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Duration left;
        while ((left = Duration.between(clock.instant(), target)).isPositive()) {
            Thread.sleep(left);
        }
    }
}
