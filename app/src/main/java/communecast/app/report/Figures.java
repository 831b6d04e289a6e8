package communecast.app.report;

import io.micronaut.serde.annotation.Serdeable;

/** What the plays of one line came to; "pending" holds the plays not yet final (PENDING and PLAYING). */
@Serdeable
record Figures(long planned, long aired, long missed, long failed, long preempted, long pending, long airtimeSeconds) {

    /** Aired as a share of planned, in per cent with one decimal; null when nothing was planned. */
    Double airedPercent() {
        return planned == 0 ? null : Math.round(aired * 1000.0 / planned) / 10.0;
    }
}
