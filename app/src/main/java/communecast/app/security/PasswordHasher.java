package communecast.app.security;

import com.password4j.Password;
import communecast.app.web.ApiException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Argon2id in PHC form ($argon2id$v=19$...), salt and parameters inside the stored string. Each hash takes
 * 19 MiB and a core for tens of milliseconds, so at most half the cores hash at once: a flood of logins
 * waits its turn (or is told to come back) instead of taking the memory and CPU everything else needs.
 */
@Singleton
final class PasswordHasher {
    // Argon2 reads all of it: a megabyte "password" would cost a core for nothing.
    static final int MAX_PASSWORD = 1024;

    private final Semaphore slots;
    private final Duration longestWait;

    @Inject
    PasswordHasher() {
        this(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), Duration.ofSeconds(5));
    }

    PasswordHasher(int slots, Duration longestWait) {
        this.slots = new Semaphore(slots, true);
        this.longestWait = longestWait;
    }

    String hash(String password) {
        checkLength(password);
        return bounded(() -> Password.hash(password).addRandomSalt().withArgon2().getResult());
    }

    boolean matches(String password, String storedHash) {
        checkLength(password);
        return bounded(() -> Password.check(password, storedHash).withArgon2());
    }

    private static void checkLength(String password) {
        if (password.length() > MAX_PASSWORD) {
            throw ApiException.badRequest("PASSWORD_TOO_LONG", "a password has at most " + MAX_PASSWORD + " characters");
        }
    }

    <T> T bounded(Supplier<T> work) {
        try {
            if (!slots.tryAcquire(longestWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    private ApiException busy() {
        return ApiException.busy("LOGIN_BUSY", "too many passwords are being checked at once; try again in a few seconds",
                longestWait);
    }
}
