package communecast.app;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneId;

/** Time is a dependency: every bean asks for this Clock and zone, tests may replace them. */
@Factory
final class ClockFactory {
    @Singleton
    Clock clock(AppSettings settings) {
        return Clock.system(settings.timezone());
    }

    /** The zone every local date and time (rules, dates, reports) is read in. */
    @Singleton
    ZoneId zone(AppSettings settings) {
        return settings.timezone();
    }
}
