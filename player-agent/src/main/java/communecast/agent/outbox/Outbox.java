package communecast.agent.outbox;

import communecast.agent.db.AgentDatabase;
import communecast.agent.db.Columns;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports waiting for the server's ack, in the agent's database, numbered as they are made so they go out
 * in that order, also after a restart.
 */
public final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private static final RowMapper<Report> REPORT = (rs, ctx) -> new Report(
            rs.getString("report_id"),
            rs.getLong("order_id"),
            PlayStatus.valueOf(rs.getString("status")),
            Columns.offsetDateTime(rs, "started_at"),
            Columns.offsetDateTime(rs, "ended_at"),
            rs.getString("reason"));

    private final Jdbi jdbi;
    private final List<Consumer<Report>> listeners = new CopyOnWriteArrayList<>();

    public Outbox(AgentDatabase database) {
        this.jdbi = database.jdbi();
    }

    /** Called with each new report, so a connected link can send it at once. */
    public void onAdded(Consumer<Report> listener) {
        listeners.add(listener);
    }

    /**
     * Keeps the report unless the same one is waiting already. Listeners hear of it once it is committed:
     * inside a caller's transaction, when that one commits.
     */
    public void add(Report report) {
        jdbi.useTransaction(handle -> {
            int inserted = handle.createUpdate("""
                            INSERT INTO outbox (report_id, order_id, status, started_at, ended_at, reason)
                            VALUES (:reportId, :orderId, :status, :startedAt, :endedAt, :reason)
                            ON CONFLICT (report_id) DO NOTHING""")
                    .bind("reportId", report.reportId())
                    .bind("orderId", report.orderId())
                    .bind("status", report.status().name())
                    .bind("startedAt", Columns.text(report.startedAt()))
                    .bind("endedAt", Columns.text(report.endedAt()))
                    .bind("reason", report.reason())
                    .execute();
            if (inserted == 1) {
                handle.afterCommit(() -> announce(report));
            }
        });
    }

    private void announce(Report report) {
        LOG.info("report {}{}", report.reportId(), report.reason() == null ? "" : " (" + report.reason() + ")");
        listeners.forEach(l -> l.accept(report));
    }

    /** The server has the report (or refused it for good): forget it. */
    public void acknowledge(String reportId) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM outbox WHERE report_id = :reportId")
                .bind("reportId", reportId)
                .execute());
    }

    public List<Report> pending() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT report_id, order_id, status, started_at, ended_at, reason
                        FROM outbox ORDER BY seq""")
                .map(REPORT)
                .list());
    }
}
