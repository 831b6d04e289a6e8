package communecast.agent.player;

import communecast.agent.db.AgentDatabase;
import communecast.agent.db.Columns;
import communecast.agent.outbox.PlayStatus;
import communecast.agent.outbox.Report;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The last thing the agent did with each order, in the agent's database. Unlike the outbox it is kept after
 * the server's ack: it is what stops an order from airing twice when the server sends it again.
 */
public final class PlayJournal {

    private static final RowMapper<Report> LAST = (rs, ctx) -> Report.of(
            rs.getLong("order_id"),
            PlayStatus.valueOf(rs.getString("status")),
            Columns.offsetDateTime(rs, "started_at"),
            Columns.offsetDateTime(rs, "ended_at"),
            rs.getString("reason"));

    private final Jdbi jdbi;
    private final Clock clock;

    /** {@code clock} stamps each record, for {@link #forgetOlderThan}. */
    public PlayJournal(AgentDatabase database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    public void record(Report report) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT OR REPLACE INTO play_journal (order_id, status, started_at, ended_at, reason, recorded_at)
                        VALUES (:orderId, :status, :startedAt, :endedAt, :reason, :recordedAt)""")
                .bind("orderId", report.orderId())
                .bind("status", report.status().name())
                .bind("startedAt", Columns.text(report.startedAt()))
                .bind("endedAt", Columns.text(report.endedAt()))
                .bind("reason", report.reason())
                .bind("recordedAt", clock.millis())
                .execute());
    }

    public Optional<Report> last(long orderId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT order_id, status, started_at, ended_at, reason
                        FROM play_journal WHERE order_id = :orderId""")
                .bind("orderId", orderId)
                .map(LAST)
                .findOne());
    }

    /** Drops records written before {@code cutoff}: no server re-sends an order that old. */
    public void forgetOlderThan(Instant cutoff) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM play_journal WHERE recorded_at < :cutoff")
                .bind("cutoff", cutoff.toEpochMilli())
                .execute());
    }
}
