package communecast.app.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

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

    private DateBounds() {
    }

    /** {@code date} itself, or 400 BAD_DATES naming {@code field}; null passes (required fields are checked apart). */
    public static LocalDate check(String field, LocalDate date) {
        if (date != null && (date.isBefore(FIRST) || date.isAfter(LAST))) {
            throw outside(field, date);
        }
        return date;
    }

    /** A day as YYYY-MM-DD (a query value, a date picker's), checked; blank is null (no such bound). */
    public static LocalDate parseDay(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return check(field, LocalDate.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("BAD_DATES", field + " must be a date as YYYY-MM-DD");
        }
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
