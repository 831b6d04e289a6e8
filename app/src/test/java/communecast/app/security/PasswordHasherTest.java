package communecast.app.security;

import communecast.app.web.ApiException;
import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {
    @Test
    void aHashAndItsCheckAgree() {
        PasswordHasher hasher = new PasswordHasher();
        String hash = hasher.hash("mat-khau-dai-du");
        assertTrue(hash.startsWith("$argon2id$"), hash);
        assertTrue(hasher.matches("mat-khau-dai-du", hash));
        assertEquals(false, hasher.matches("mat-khau-khac", hash));
    }

    @Test
    void aPasswordLongerThanTheBoundIsRefusedBeforeAnyHashing() {
        ApiException tooLong = assertThrows(ApiException.class,
                () -> new PasswordHasher().matches("x".repeat(PasswordHasher.MAX_PASSWORD + 1), "$argon2id$irrelevant"));
        assertEquals("PASSWORD_TOO_LONG", tooLong.code());
    }

    /** With every slot taken, a check waits at most its bound and is told when to come back. */
    @Test
    void aCheckFindingEverySlotTakenIsToldToComeBack() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1, Duration.ofMillis(200));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> slow = CompletableFuture.supplyAsync(() -> hasher.bounded(() -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holding.await();
        ApiException busy = assertThrows(ApiException.class, () -> hasher.matches("x", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, busy.status());
        assertEquals("LOGIN_BUSY", busy.code());
        assertTrue(busy.retryAfter().isPresent());
        release.countDown();
        slow.join();
        assertEquals(false, hasher.matches("x", hasher.hash("y")), "the slot is free again");
    }
}
