package communecast.app.campaign;

import communecast.app.schedule.Rule;
import communecast.app.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A rule as the API writes it ({type: ONCE|DAILY|LOOP, ...}); stored in this same JSON shape. Turned into
 * a {@link Rule} with a precise message for each mistake.
 */
@Serdeable
public record RuleSpec(String type, @Nullable String at, @Nullable List<String> times, @Nullable List<String> daysOfWeek,
                       @Nullable String from, @Nullable String to, @Nullable Integer everyMinutes) {

    Rule toRule() {
        if (type == null) {
            throw bad("rule.type is required (ONCE, DAILY or LOOP)");
        }
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "ONCE" -> new Rule.Once(dateTime(required(at, "rule.at")));
            case "DAILY" -> daily();
            case "LOOP" -> loop();
            default -> throw bad("unknown rule type '" + type + "': use ONCE, DAILY or LOOP");
        };
    }

    private Rule daily() {
        if (times == null || times.isEmpty()) {
            throw bad("a DAILY rule needs times, e.g. [\"06:30\", \"17:30\"]");
        }
        return new Rule.Daily(times.stream().map(t -> time(t, "rule.times")).distinct().sorted().toList(), days());
    }

    private Rule loop() {
        LocalTime start = time(required(from, "rule.from"), "rule.from");
        LocalTime end = time(required(to, "rule.to"), "rule.to");
        if (everyMinutes == null || everyMinutes < 1 || everyMinutes > 1440) {
            throw bad("a LOOP rule needs everyMinutes between 1 and 1440");
        }
        if (!end.isAfter(start)) {
            throw bad("a LOOP rule's 'to' must be after its 'from'");
        }
        return new Rule.Loop(start, end, everyMinutes);
    }

    private Set<DayOfWeek> days() {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : daysOfWeek == null ? List.<String>of() : daysOfWeek) {
            days.add(dayOfWeek(day));
        }
        return days;
    }

    private static DayOfWeek dayOfWeek(String day) {
        String d = day == null ? "" : day.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek candidate : DayOfWeek.values()) {
            if (!d.isEmpty() && candidate.name().startsWith(d) && d.length() >= 3) {
                return candidate;
            }
        }
        throw bad("unknown day of week '" + day + "': use MON, TUE, WED, THU, FRI, SAT, SUN");
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw bad(field + " is required");
        }
        return value;
    }

    private static LocalDateTime dateTime(String value) {
        try {
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw bad("rule.at must be a local date-time like 2026-03-15T06:30:00, not '" + value + "'");
        }
    }

    private static LocalTime time(String value, String field) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw bad(field + " must hold local times like 06:30, not '" + value + "'");
        }
    }

    private static ApiException bad(String message) {
        return ApiException.badRequest("BAD_RULE", message);
    }
}
