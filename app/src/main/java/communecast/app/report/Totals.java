package communecast.app.report;

import io.micronaut.serde.annotation.Serdeable;

/** The figures at the top of a report (CONTRACT.md: planned, aired, missed, failed, preempted, airtimeSeconds). */
@Serdeable
record Totals(long planned, long aired, long missed, long failed, long preempted, long cancelled, long pending,
              long playing, long airtimeSeconds) {

    Figures figures() {
        return new Figures(planned, aired, missed, failed, preempted, pending + playing, airtimeSeconds);
    }
}
