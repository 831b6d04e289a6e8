package communecast.app.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** When an item airs, as local times in the configured zone. */
public sealed interface Rule {

    /** The local start times this rule gives on one day. */
    Stream<LocalTime> timesOn(LocalDate day);

    record Once(LocalDateTime at) implements Rule {
        @Override
        public Stream<LocalTime> timesOn(LocalDate day) {
            return day.equals(at.toLocalDate()) ? Stream.of(at.toLocalTime()) : Stream.empty();
        }
    }

    /** Every listed time, on the listed days of the week (all days when empty). */
    record Daily(List<LocalTime> times, Set<DayOfWeek> daysOfWeek) implements Rule {
        @Override
        public Stream<LocalTime> timesOn(LocalDate day) {
            boolean today = daysOfWeek.isEmpty() || daysOfWeek.contains(day.getDayOfWeek());
            return today ? times.stream().sorted() : Stream.empty();
        }
    }

    /** From {@code from}, every {@code everyMinutes}, while the start is before {@code to}. */
    record Loop(LocalTime from, LocalTime to, int everyMinutes) implements Rule {
        // In seconds of the day: LocalTime.plusMinutes wraps at midnight and would start the day over.
        @Override
        public Stream<LocalTime> timesOn(LocalDate day) {
            return IntStream.iterate(from.toSecondOfDay(), s -> s < to.toSecondOfDay(), s -> s + everyMinutes * 60)
                    .mapToObj(LocalTime::ofSecondOfDay);
        }
    }
}
