package communecast.agent.player;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** On the real clock: handing frames over to an output with a buffer. */
class WaitsTest {
    private final Clock clock = Clock.systemUTC();
    private final Waits waits = new Waits(clock);

    @Test
    void aFrameNotYetTakenIsHandedOverWhenHalfTheLeadIsLeft() throws InterruptedException {
        Instant due = clock.instant().plusMillis(1000);

        waits.untilHandOver(due, Duration.ofMillis(500));

        long early = Duration.between(clock.instant(), due).toMillis();
        assertTrue(early >= 150 && early <= 250, "handed over " + early + " ms before its time");
    }

    @Test
    void aFrameTheOutputAlreadyTakesGoesAtOnce() throws InterruptedException {
        Instant called = clock.instant();

        waits.untilHandOver(called.plusMillis(300), Duration.ofMillis(500));

        long waited = Duration.between(called, clock.instant()).toMillis();
        assertTrue(waited < 100, "waited " + waited + " ms");
    }

    @Test
    void withoutALeadAFrameGoesAtItsTime() throws InterruptedException {
        Instant due = clock.instant().plusMillis(300);

        waits.untilHandOver(due, Duration.ZERO);

        long late = Duration.between(due, clock.instant()).toMillis();
        assertTrue(late >= 0 && late < 100, "handed over " + late + " ms after its time");
    }
}
