package communecast.app.device;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KnownTokensTest {
    private final KnownTokens tokens = new KnownTokens();
    private final AtomicInteger lookups = new AtomicInteger();

    @Test
    void aTokenFoundOnceIsNotLookedUpAgainUntilItsDeviceIsRevoked() {
        assertEquals(Optional.of(7L), tokens.deviceOf("h7", hash -> count(Optional.of(7L))));
        assertEquals(Optional.of(7L), tokens.deviceOf("h7", hash -> count(Optional.of(7L))));
        assertEquals(1, lookups.get());

        tokens.forget(7);
        assertEquals(Optional.empty(), tokens.deviceOf("h7", hash -> count(Optional.empty())), "revoked in the database");
        assertEquals(2, lookups.get());
    }

    @Test
    void anUnknownTokenIsAskedForEachTime() {
        tokens.deviceOf("nope", hash -> count(Optional.empty()));
        tokens.deviceOf("nope", hash -> count(Optional.empty()));
        assertEquals(2, lookups.get());
    }

    @Test
    void aLookupThatReadTheTokenJustBeforeItsRevocationIsNotRemembered() {
        // The lookup reads the row, then the revocation commits and forgets the device, then the lookup returns.
        Optional<Long> stale = tokens.deviceOf("h9", hash -> {
            tokens.forget(9);
            return count(Optional.of(9L));
        });
        assertEquals(Optional.of(9L), stale, "that one request was already under way");
        assertEquals(Optional.empty(), tokens.deviceOf("h9", hash -> count(Optional.empty())));
        assertEquals(2, lookups.get());
    }

    @Test
    void forgettingOneDeviceKeepsTheOthers() {
        tokens.deviceOf("h1", hash -> count(Optional.of(1L)));
        tokens.deviceOf("h2", hash -> count(Optional.of(2L)));
        tokens.forget(1);
        assertEquals(Optional.of(2L), tokens.deviceOf("h2", hash -> count(Optional.empty())));
        assertEquals(2, lookups.get());
    }

    private Optional<Long> count(Optional<Long> answer) {
        lookups.incrementAndGet();
        return answer;
    }
}
