package communecast.app.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * The dates the API accepts anywhere (campaign dates, excluded dates, a ONCE rule's time, report periods,
 * plan, timeline, calendar and broadcast-log ranges): years 2000 to 2999. The DATE and DATETIME columns hold
 * 1000–9999 and quietly turned year 0 into year 1; no broadcast is older than this system or a millennium away.
 */
public final class DateBounds {
    public static final LocalDate FIRST = LocalDate.of(2000, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2999, 12, 31);
    private static final Instant FIRST_INSTANT = FIRST.atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant END_INSTANT = LAST.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);

    private static final DateTimeFormatter TYPED_DAY = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter WRITTEN_DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final DateTimeFormatter TYPED_MINUTE = DateTimeFormatter.ofPattern("d/M/uuuu H:mm").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter WRITTEN_MINUTE = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm");

    private DateBounds() {
    }

    /** {@code date} itself, or 400 BAD_DATES naming {@code field}; null passes (required fields are checked apart). */
    public static LocalDate check(String field, LocalDate date) {
        if (date != null && (date.isBefore(FIRST) || date.isAfter(LAST))) {
            throw outside(field, date);
        }
        return date;
    }

    /** A day as offices type it (20/03/2026, 20/3/2026) or as the API and a date picker send it (2026-03-20). */
    public static LocalDate typed(String value) throws DateTimeParseException {
        String day = value.trim();
        return day.contains("/") ? LocalDate.parse(day, TYPED_DAY) : LocalDate.parse(day);
    }

    /** A day as offices write it, 07/03/2026: in date fields, pages and reports; {@link #typed} reads it back. */
    public static String written(LocalDate day) {
        return WRITTEN_DAY.format(day);
    }

    /** A local day and time as offices write it, 15/03/2026 06:30 (a ONCE rule's). */
    public static String written(LocalDateTime at) {
        return WRITTEN_MINUTE.format(at);
    }

    /** A day and time as offices type it (15/03/2026 06:30, 15/3/2026 6:30) or ISO (2026-03-15T06:30). */
    public static LocalDateTime typedMinute(String value) throws DateTimeParseException {
        String at = value.trim().replaceAll("\\s+", " ");
        return at.contains("/") ? LocalDateTime.parse(at, TYPED_MINUTE) : LocalDateTime.parse(at);
    }

    /** A day {@link #typed} in {@code field}, or 400 BAD_DATES saying how to write one. */
    public static LocalDate typedDay(String field, String value) {
        try {
            return typed(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("BAD_DATES", field + " must be a day like 20/03/2026, not '" + value + "'");
        }
    }

    /** A day {@link #typed} (a query value, a date picker's), checked; blank is null (no such bound). */
    public static LocalDate parseDay(String field, String value) {
        return value == null || value.isBlank() ? null : check(field, typedDay(field, value));
    }

    public static LocalDateTime check(String field, LocalDateTime dateTime) {
        if (dateTime != null) {
            check(field, dateTime.toLocalDate());
        }
        return dateTime;
    }

    public static Instant check(String field, Instant instant) {
        if (instant != null && (instant.isBefore(FIRST_INSTANT) || !instant.isBefore(END_INSTANT))) {
            throw outside(field, instant);
        }
        return instant;
    }

    private static ApiException outside(String field, Object value) {
        return ApiException.badRequest("BAD_DATES", field + " " + value + " is outside the dates this system keeps: " + FIRST + " to " + LAST);
    }
}
