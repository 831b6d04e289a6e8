package communecast.app.device;

import communecast.app.web.ApiException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enrollment codes are short enough to type: an address that has sent {@code max-failures} wrong or expired codes
 * within {@code window} is refused (429, Retry-After) until the oldest of them is that old, so codes cannot be
 * guessed. Only failures count: registering a province's devices one after another is not slowed. Per node.
 */
@Singleton
final class EnrollmentThrottle {
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    EnrollmentThrottle(Clock clock, @Value("${communecast.enrollment.max-failures:10}") int maxFailures,
                       @Value("${communecast.enrollment.failure-window:10m}") Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Refuses the address while it has too many recent failures. */
    void check(String address) {
        Deque<Instant> recent = failures.get(address);
        if (recent == null) {
            return;
        }
        synchronized (recent) {
            Instant now = clock.instant();
            forgetOld(recent, now);
            if (recent.size() >= maxFailures) {
                Duration wait = Duration.between(now, recent.peekFirst().plus(window));
                throw ApiException.tooMany("TOO_MANY_ATTEMPTS", recent.size() + " wrong enrollment codes from this address within "
                        + window.toMinutes() + " minutes; try again in " + Math.max(1, wait.toSeconds()) + " s", wait.isNegative() ? Duration.ZERO : wait);
            }
        }
    }

    void failed(String address) {
        Instant now = clock.instant();
        // Addresses whose failures are all old are dropped first, so the map does not grow without end.
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                forgetOld(e.getValue(), now);
                return e.getValue().isEmpty();
            }
        });
        Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(now);
        }
    }

    private void forgetOld(Deque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) {
            recent.removeFirst();
        }
    }
}
