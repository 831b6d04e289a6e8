package communecast.agent.orders;

import communecast.agent.db.AgentDatabase;
import communecast.agent.db.Columns;
import communecast.media.MediaKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The orders the device holds, in the agent's database, so a restart finds them all again. */
public final class OrderStore {

    private static final RowMapper<Order> ORDER = (rs, ctx) -> new Order(
            rs.getLong("order_id"),
            Columns.nullableLong(rs, "campaign_id"),
            rs.getLong("media_id"),
            rs.getString("media_sha256"),
            rs.getString("media_url"),
            mediaKind(rs.getString("media_kind")),
            rs.getLong("duration_ms"),
            Columns.offsetDateTime(rs, "start_at"),
            rs.getString("level"),
            Columns.offsetDateTime(rs, "play_until"),
            fallback(rs));

    private final Jdbi jdbi;

    public OrderStore(AgentDatabase database) {
        this.jdbi = database.jdbi();
    }

    public void put(Order order) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT OR REPLACE INTO held_order (order_id, campaign_id, media_id, media_sha256, media_url,
                                                           media_kind, duration_ms, start_at, level, play_until,
                                                           fallback_media_id, fallback_sha256, fallback_url,
                                                           fallback_duration_ms)
                        VALUES (:orderId, :campaignId, :mediaId, :sha256, :url, :kind, :durationMs, :startAt, :level,
                                :playUntil, :fallbackMediaId, :fallbackSha256, :fallbackUrl, :fallbackDurationMs)""")
                .bind("orderId", order.orderId())
                .bind("campaignId", order.campaignId())
                .bind("mediaId", order.mediaId())
                .bind("sha256", order.mediaSha256())
                .bind("url", order.mediaUrl())
                .bind("kind", order.mediaKind() == null ? null : order.mediaKind().name())
                .bind("durationMs", order.durationMs())
                .bind("startAt", Columns.text(order.startAt()))
                .bind("level", order.level())
                .bind("playUntil", Columns.text(order.playUntil()))
                .bind("fallbackMediaId", order.fallback() == null ? null : order.fallback().mediaId())
                .bind("fallbackSha256", order.fallback() == null ? null : order.fallback().mediaSha256())
                .bind("fallbackUrl", order.fallback() == null ? null : order.fallback().mediaUrl())
                .bind("fallbackDurationMs", order.fallback() == null ? null : order.fallback().durationMs())
                .execute());
    }

    public boolean contains(long orderId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT 1 FROM held_order WHERE order_id = :orderId")
                .bind("orderId", orderId)
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
    }

    public void remove(long orderId) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM held_order WHERE order_id = :orderId")
                .bind("orderId", orderId)
                .execute());
    }

    public List<Order> all() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT order_id, campaign_id, media_id, media_sha256, media_url, media_kind, duration_ms,
                               start_at, level, play_until, fallback_media_id, fallback_sha256, fallback_url,
                               fallback_duration_ms
                        FROM held_order ORDER BY order_id""")
                .map(ORDER)
                .list());
    }

    /** The SHA-256 of the media of every held order, and of relays' fallbacks: on air or still to come, so the cache keeps it. */
    public Set<String> media() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT media_sha256 FROM held_order
                        UNION SELECT fallback_sha256 FROM held_order WHERE fallback_sha256 IS NOT NULL""")
                .mapTo(String.class)
                .set());
    }

    private static Order.Fallback fallback(ResultSet rs) throws SQLException {
        String sha = rs.getString("fallback_sha256");
        return sha == null ? null : new Order.Fallback(rs.getLong("fallback_media_id"), sha, rs.getString("fallback_url"),
                rs.getLong("fallback_duration_ms"));
    }

    /** A kind this agent does not know (a newer server's) is left to the player, as on the wire. */
    private static MediaKind mediaKind(String name) {
        return Arrays.stream(MediaKind.values()).filter(k -> k.name().equals(name)).findFirst().orElse(null);
    }
}
