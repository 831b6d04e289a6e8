package communecast.agent.player;

import communecast.agent.db.AgentDatabase;
import communecast.agent.outbox.Outbox;
import communecast.agent.outbox.PlayStatus;
import communecast.agent.outbox.Report;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Writes what happened to an order to the journal (never play twice) and to the outbox, in one transaction:
 * a crash between the two would otherwise leave a play the agent knows it made but never reports.
 */
public final class Reporting {

    static final String STOPPED_DURING_PLAY = "agent stopped during the play";

    private final AgentDatabase database;
    private final PlayJournal journal;
    private final Outbox outbox;
    private final Clock clock;

    /** {@code journal} and {@code outbox} keep their records in {@code database}. */
    public Reporting(AgentDatabase database, PlayJournal journal, Outbox outbox, Clock clock) {
        this.database = database;
        this.journal = journal;
        this.outbox = outbox;
        this.clock = clock;
    }

    Optional<Report> last(long orderId) {
        return journal.last(orderId);
    }

    void playing(long orderId, Instant startedAt) {
        report(orderId, PlayStatus.PLAYING, startedAt, null, null);
    }

    void played(long orderId, Instant startedAt, Instant endedAt) {
        report(orderId, PlayStatus.PLAYED, startedAt, endedAt, null);
    }

    /** A relay: PLAYED, with how much was really relayed and the gaps, in words. */
    void relayed(long orderId, Instant startedAt, Instant endedAt, String summary) {
        report(orderId, PlayStatus.PLAYED, startedAt, endedAt, summary);
    }

    void preempted(long orderId, Instant startedAt, Instant endedAt, String reason) {
        report(orderId, PlayStatus.PREEMPTED, startedAt, endedAt, reason);
    }

    void failed(long orderId, Instant startedAt, String reason) {
        report(orderId, PlayStatus.FAILED, startedAt, clock.instant(), reason);
    }

    /** The agent stopped (or crashed) while the play was on air; when exactly is not known. */
    void cutByStop(long orderId, Instant startedAt) {
        report(orderId, PlayStatus.FAILED, startedAt, null, STOPPED_DURING_PLAY);
    }

    void missed(long orderId, String reason) {
        report(orderId, PlayStatus.MISSED, null, null, reason);
    }

    private void report(long orderId, PlayStatus status, Instant startedAt, Instant endedAt, String reason) {
        Report report = Report.of(orderId, status, wire(startedAt), wire(endedAt), reason);
        database.inTransaction(() -> {
            journal.record(report);
            outbox.add(report);
        });
    }

    /** Millisecond instants in the agent's zone, as the protocol's examples write them. */
    private OffsetDateTime wire(Instant instant) {
        return instant == null ? null
                : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), clock.getZone());
    }
}
