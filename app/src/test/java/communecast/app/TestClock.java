package communecast.app;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The server's clock for a test whose subject is not the wait itself: it runs as the system's does, and the test
 * moves it ahead ({@link #advance}) instead of waiting out a play's time. On with {@code communecast.test-clock=true}.
 */
@Singleton
@Replaces(Clock.class)
@Requires(property = "communecast.test-clock", value = "true")
public final class TestClock extends Clock {
    private final ZoneId zone;
    private volatile Duration ahead = Duration.ZERO;

    TestClock(AppSettings settings) {
        this.zone = settings.timezone();
    }

    public void advance(Duration by) {
        ahead = ahead.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        throw new UnsupportedOperationException("the server's clock keeps its zone");
    }
}
