package communecast.app.web;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an instant or a day is shown to staff, in pages and e-mails: in the configured zone, as Vietnamese offices write
 * it (07/12/2026 06:30). The API keeps ISO-8601; this is for people.
 */
@Singleton
public final class LocalTimes {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    /**
     * An ISO-8601 instant with its offset, as an agent writes one into a reason ("… until 2026-12-07T09:30:00+07:00"), or
     * an ISO day on its own ("to (2026-03-01) is before …").
     */
    private static final Pattern INSTANT_OR_DAY = Pattern.compile("(?<![\\d-])\\d{4}-\\d\\d-\\d\\d(?![\\dT-])|"
            + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(?::\\d\\d(?:\\.\\d+)?)?(?:Z|[+-]\\d\\d:\\d\\d)");

    private final ZoneId zone;

    public LocalTimes(ZoneId zone) {
        this.zone = zone;
    }

    /** To the minute; empty for no instant. */
    public String minute(@Nullable Instant at) {
        return at == null ? "" : MINUTE.format(at.atZone(zone));
    }

    /** A day (a campaign's first or last); empty for none. */
    public String day(@Nullable LocalDate day) {
        return day == null ? "" : DateBounds.written(day);
    }

    /** A campaign's days, "07/12/2026 – 13/12/2026", one day once. */
    public String days(LocalDate from, LocalDate to) {
        return from.equals(to) ? day(from) : day(from) + " – " + day(to);
    }

    /** Free text (a reason an agent or a service wrote) with each ISO instant in it in local time, each ISO day as staff write it. */
    public String timesIn(@Nullable String text) {
        return text == null ? null : INSTANT_OR_DAY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group().length() == 10 ? day(LocalDate.parse(m.group())) : second(OffsetDateTime.parse(m.group()).toInstant())));
    }

    /** To the second, where a play's exact start matters (logs, emergencies). */
    public String second(@Nullable Instant at) {
        return at == null ? "" : SECOND.format(at.atZone(zone));
    }
}
