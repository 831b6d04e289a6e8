package communecast.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromOneSecondToAMinuteWithJitterAndStartsOverAfterReset() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(7));
        long[] bases = {1, 2, 4, 8, 16, 32, 60, 60};
        for (long base : bases) {
            long millis = backoff.nextDelay().toMillis();
            assertTrue(millis >= base * 1000 && millis <= base * 1250, millis + " ms for base " + base + " s");
        }
        backoff.reset();
        assertEquals(1, backoff.nextDelay().toSeconds());
    }

    @Test
    void theSameDelayAgainDoesNotMakeTheNextOneLonger() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(7));
        backoff.nextDelay();

        for (int i = 0; i < 3; i++) {
            long millis = backoff.sameDelay().toMillis();
            assertTrue(millis >= 2000 && millis <= 8000, millis + " ms, not 2–8 s");
        }
        assertEquals(2, backoff.nextDelay().toSeconds());
        assertEquals(4, backoff.nextDelay().toSeconds());
    }
}
