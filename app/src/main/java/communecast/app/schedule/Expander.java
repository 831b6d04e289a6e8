package communecast.app.schedule;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one place that decides what airs when: the plan preview, dispatch and reports all ask it, so
 * they never disagree. Local times are read in the configured zone.
 */
@Singleton
public class Expander {
    private final ZoneId zone;

    public Expander(ZoneId zone) {
        this.zone = zone;
    }

    /** Every start in {@code [from, to)}, excluded ones included and marked, in time order. */
    public List<Occurrence> expand(Schedule schedule, Instant from, Instant to) {
        return days(schedule, from, to)
                .flatMap(day -> onDay(schedule, day))
                .filter(o -> !o.startAt().isBefore(from) && o.startAt().isBefore(to))
                .sorted(Comparator.comparing(Occurrence::startAt).thenComparing(Occurrence::itemId))
                .toList();
    }

    /** The first start that will air strictly after {@code after}, if the campaign has one left. */
    public Optional<Instant> nextStartAfter(Schedule schedule, Instant after) {
        LocalDate day = max(after.atZone(zone).toLocalDate(), schedule.startDate());
        for (; !day.isAfter(schedule.endDate()); day = day.plusDays(1)) {
            Optional<Instant> next = onDay(schedule, day)
                    .filter(o -> !o.excluded() && o.startAt().isAfter(after))
                    .map(Occurrence::startAt).min(Comparator.naturalOrder());
            if (next.isPresent()) {
                return next;
            }
        }
        return Optional.empty();
    }

    private Stream<LocalDate> days(Schedule schedule, Instant from, Instant to) {
        LocalDate first = max(from.atZone(zone).toLocalDate(), schedule.startDate());
        LocalDate last = min(to.atZone(zone).toLocalDate(), schedule.endDate());
        return first.isAfter(last) ? Stream.empty() : first.datesUntil(last.plusDays(1));
    }

    private Stream<Occurrence> onDay(Schedule schedule, LocalDate day) {
        String excluded = schedule.excludedDates().contains(day) ? "excluded date " + day : null;
        // distinct: two local times in a spring-forward gap can name one instant; an item airs once then.
        return schedule.items().stream().flatMap(item -> item.rule().timesOn(day)
                .map(time -> new Occurrence(item.itemId(), item.mediaId(), day.atTime(time).atZone(zone).toInstant(), excluded))
                .distinct());
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
