package communecast.app.report;

import communecast.app.web.ApiException;
import communecast.app.web.DateBounds;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The days a period report covers: {@code from} to {@code to}, both included, local dates. */
record Period(LocalDate from, LocalDate to) {
    /** A year, leap day included: what the daily roll-up answers quickly. */
    static final int MAX_DAYS = 366;

    static Period parse(String from, String to) {
        Period period = new Period(date("from", from), date("to", to));
        if (period.to.isBefore(period.from)) {
            throw ApiException.badRequest("BAD_DATES", "to (" + period.to + ") is before from (" + period.from + ")");
        }
        if (ChronoUnit.DAYS.between(period.from, period.to) + 1 > MAX_DAYS) {
            throw ApiException.badRequest("BAD_DATES", "a period report covers at most " + MAX_DAYS + " days");
        }
        return period;
    }

    private static LocalDate date(String name, String value) {
        LocalDate day = DateBounds.parseDay(name, value);
        if (day == null) {
            throw ApiException.badRequest("BAD_DATES", name + " is required: a day like 20/03/2026");
        }
        return day;
    }
}
