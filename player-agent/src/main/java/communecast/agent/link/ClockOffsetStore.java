package communecast.agent.link;

import communecast.agent.db.AgentDatabase;
import communecast.agent.db.Columns;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The last measured offset to the server's clock, kept in the agent's database: an agent restarted while
 * the link is down plays on the server's time as last measured, not on a PC clock known to be off.
 */
public final class ClockOffsetStore {

    private final Jdbi jdbi;

    public ClockOffsetStore(AgentDatabase database) {
        this.jdbi = database.jdbi();
    }

    public Optional<Kept> kept() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT offset_ms, measured_at FROM server_clock WHERE id = 1")
                .map((rs, ctx) -> new Kept(Duration.ofMillis(rs.getLong("offset_ms")), Columns.instant(rs, "measured_at")))
                .findOne());
    }

    public void keep(Duration offset, Instant measuredAt) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT OR REPLACE INTO server_clock (id, offset_ms, measured_at)
                        VALUES (1, :offsetMs, :measuredAt)""")
                .bind("offsetMs", offset.toMillis())
                .bind("measuredAt", Columns.text(measuredAt))
                .execute());
    }

    /** {@code measuredAt} on the server's clock. */
    public record Kept(Duration offset, Instant measuredAt) {
    }
}
