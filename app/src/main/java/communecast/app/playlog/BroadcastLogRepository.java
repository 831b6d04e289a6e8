package communecast.app.playlog;

import communecast.app.db.Rows;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

@RegisterRowMapper(BroadcastLogRepository.Mapper.class)
interface BroadcastLogRepository {
    String COLUMNS = "id, campaign_id, item_id, device_id, media_id, scheduled_at, started_at, ended_at, status, reason, play_until, delivered_at";

    /** Column by column, not by reflection (see {@link Rows}). */
    final class Mapper implements RowMapper<BroadcastLog> {
        @Override
        public BroadcastLog map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new BroadcastLog(rs.getLong("id"), rs.getLong("campaign_id"), rs.getLong("item_id"),
                    rs.getLong("device_id"), rs.getLong("media_id"), Rows.instant(rs, "scheduled_at"),
                    Rows.instant(rs, "started_at"), Rows.instant(rs, "ended_at"), LogStatus.valueOf(rs.getString("status")),
                    rs.getString("reason"), Rows.instant(rs, "play_until"), Rows.instant(rs, "delivered_at"));
        }
    }

    /** IGNORE: the unique play key makes planning the same window twice harmless. */
    @SqlBatch("""
            INSERT IGNORE INTO broadcast_log (campaign_id, item_id, device_id, media_id, scheduled_at, play_until, status, created_at, updated_at)
            VALUES (:campaignId, :itemId, :deviceId, :mediaId, :scheduledAt, :playUntil, 'PENDING', :now, :now)""")
    void plan(@BindMethods List<PlannedPlay> plays, @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM broadcast_log WHERE campaign_id = :campaignId AND status = 'PENDING' AND scheduled_at >= :from AND scheduled_at < :to")
    List<BroadcastLog> pendingOfCampaign(@Bind("campaignId") long campaignId, @Bind("from") Instant from, @Bind("to") Instant to);

    @SqlQuery("SELECT " + COLUMNS + """
             FROM broadcast_log
            WHERE device_id = :deviceId AND status = 'PENDING' AND (scheduled_at >= :since OR play_until > :now)
            ORDER BY scheduled_at""")
    List<BroadcastLog> pendingOfDevice(@Bind("deviceId") long deviceId, @Bind("since") Instant since, @Bind("now") Instant now);

    /** Pairs: the i-th log reached its device at the i-th instant. */
    @SqlBatch("UPDATE broadcast_log SET delivered_at = :at WHERE id = :id")
    void delivered(@Bind("id") List<Long> ids, @Bind("at") List<Instant> at);


    @SqlQuery("SELECT " + COLUMNS + " FROM broadcast_log WHERE campaign_id = :campaignId ORDER BY device_id, scheduled_at")
    List<BroadcastLog> ofCampaign(@Bind("campaignId") long campaignId);

    @SqlQuery("SELECT " + COLUMNS + " FROM broadcast_log WHERE campaign_id = :campaignId AND status = 'PLAYING'")
    List<BroadcastLog> playingOfCampaign(@Bind("campaignId") long campaignId);

    /** Locked in id order, as the deliveries' batches lock them: the two never wait on each other in a circle. */
    @SqlQuery("SELECT " + COLUMNS + " FROM broadcast_log WHERE id IN (<ids>) ORDER BY id FOR UPDATE")
    List<BroadcastLog> lockAll(@BindList("ids") Collection<Long> ids);

    /** A device's report as one batch's row: its status, the play's times if it says them, and why. */
    record Reported(long id, LogStatus status, Instant startedAt, Instant endedAt, String reason, Instant now) {
    }

    /** The device's reason is cut to the column's 500 characters: a relay's, with its gaps, may say more. */
    @SqlBatch("""
            UPDATE broadcast_log
            SET status = :r.status, started_at = COALESCE(:r.startedAt, started_at), ended_at = COALESCE(:r.endedAt, ended_at),
                reason = LEFT(:r.reason, 500), paused = FALSE, updated_at = :r.now
            WHERE id = :r.id""")
    void reportAll(@BindMethods("r") List<Reported> reports);

    // The server's own moves (LogStatus.Move): each locks the logs it may move, from the move's statuses, then moves them.

    /** Plays whose time (or emergency window) has passed with no word from the device, up to {@code limit}. */
    default List<BroadcastLog> lockOverdue(Instant cutoff, Instant now, int limit) {
        return lockOverdue(LogStatus.Move.MISS.from(), cutoff, now, limit);
    }

    @SqlQuery("SELECT " + COLUMNS + """
             FROM broadcast_log
            WHERE status IN (<from>) AND (play_until IS NULL AND scheduled_at < :cutoff OR play_until < :now)
            LIMIT :limit FOR UPDATE""")
    List<BroadcastLog> lockOverdue(@BindList("from") Collection<LogStatus> from, @Bind("cutoff") Instant cutoff, @Bind("now") Instant now,
                                   @Bind("limit") int limit);

    default void missed(Collection<Long> ids, String reason, Instant now) {
        missed(ids, LogStatus.Move.MISS.to(), LogStatus.Move.MISS.from(), reason, now);
    }

    @SqlUpdate("""
            UPDATE broadcast_log
            SET status = :to, updated_at = :now,
                reason = CASE WHEN play_until IS NULL THEN :reason ELSE 'offline until the emergency window closed' END
            WHERE id IN (<ids>) AND status IN (<from>)""")
    void missed(@BindList("ids") Collection<Long> ids, @Bind("to") LogStatus to, @BindList("from") Collection<LogStatus> from,
                @Bind("reason") String reason, @Bind("now") Instant now);

    /** The campaign's plays a cancel would take back: not started, still ahead. */
    default List<BroadcastLog> lockFutureOfCampaign(long campaignId, Instant after) {
        return lockFutureOfCampaign(LogStatus.Move.CANCEL.from(), campaignId, after);
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM broadcast_log WHERE campaign_id = :campaignId AND status IN (<from>) AND scheduled_at > :after FOR UPDATE")
    List<BroadcastLog> lockFutureOfCampaign(@BindList("from") Collection<LogStatus> from, @Bind("campaignId") long campaignId,
                                            @Bind("after") Instant after);

    /** The device's plays a cancel would take back, emergencies still inside their window too. */
    default List<BroadcastLog> lockFutureOfDevice(long deviceId, Instant after) {
        return lockFutureOfDevice(LogStatus.Move.CANCEL.from(), deviceId, after);
    }

    @SqlQuery("SELECT " + COLUMNS + """
             FROM broadcast_log
            WHERE device_id = :deviceId AND status IN (<from>) AND (scheduled_at > :after OR play_until > :after)
            FOR UPDATE""")
    List<BroadcastLog> lockFutureOfDevice(@BindList("from") Collection<LogStatus> from, @Bind("deviceId") long deviceId,
                                          @Bind("after") Instant after);

    /** {@code paused}: taken back by a pause, so its resume brings them back. */
    default void cancel(Collection<Long> ids, String reason, boolean paused, Instant now) {
        cancel(ids, LogStatus.Move.CANCEL.to(), LogStatus.Move.CANCEL.from(), reason, paused, now);
    }

    @SqlUpdate("UPDATE broadcast_log SET status = :to, reason = :reason, paused = :paused, updated_at = :now WHERE id IN (<ids>) AND status IN (<from>)")
    void cancel(@BindList("ids") Collection<Long> ids, @Bind("to") LogStatus to, @BindList("from") Collection<LogStatus> from,
                @Bind("reason") String reason, @Bind("paused") boolean paused, @Bind("now") Instant now);

    /**
     * The campaign's plays still ahead that were taken back: by its pause ({@code paused}, its resume brings them
     * back), or otherwise (a re-plan may bring back one it wants again).
     */
    default List<BroadcastLog> lockTakenBackAfter(long campaignId, boolean paused, Instant after) {
        return lockTakenBackAfter(LogStatus.Move.REINSTATE.from(), campaignId, paused, after);
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM broadcast_log WHERE campaign_id = :campaignId AND status IN (<from>) AND paused = :paused AND scheduled_at > :after FOR UPDATE")
    List<BroadcastLog> lockTakenBackAfter(@BindList("from") Collection<LogStatus> from, @Bind("campaignId") long campaignId,
                                          @Bind("paused") boolean paused, @Bind("after") Instant after);

    /** Back to PENDING, those taken back by a pause or not as {@code paused} says (and no longer marked paused). */
    default void reinstate(Collection<Long> ids, boolean paused, Instant now) {
        reinstate(ids, LogStatus.Move.REINSTATE.to(), LogStatus.Move.REINSTATE.from(), paused, now);
    }

    @SqlUpdate("UPDATE broadcast_log SET status = :to, reason = NULL, paused = FALSE, updated_at = :now WHERE id IN (<ids>) AND status IN (<from>) AND paused = :paused")
    void reinstate(@BindList("ids") Collection<Long> ids, @Bind("to") LogStatus to, @BindList("from") Collection<LogStatus> from,
                   @Bind("paused") boolean paused, @Bind("now") Instant now);

    /** A paused campaign's plays still ahead, cancelled for good (its edit plans anew on resume): the reason is the edit's. */
    default void unpause(long campaignId, String reason, Instant after, Instant now) {
        unpause(LogStatus.Move.REINSTATE.from(), campaignId, reason, after, now);
    }

    @SqlUpdate("""
            UPDATE broadcast_log SET reason = :reason, paused = FALSE, updated_at = :now
            WHERE campaign_id = :campaignId AND status IN (<from>) AND paused AND scheduled_at > :after""")
    void unpause(@BindList("from") Collection<LogStatus> from, @Bind("campaignId") long campaignId, @Bind("reason") String reason,
                 @Bind("after") Instant after, @Bind("now") Instant now);

    /** A retired device's plays a pause took back stay cancelled: the resume must not bring them back to it. */
    default void unpauseOfDevice(long deviceId, String reason, Instant now) {
        unpauseOfDevice(LogStatus.Move.REINSTATE.from(), deviceId, reason, now);
    }

    @SqlUpdate("UPDATE broadcast_log SET reason = :reason, paused = FALSE, updated_at = :now WHERE device_id = :deviceId AND status IN (<from>) AND paused")
    void unpauseOfDevice(@BindList("from") Collection<LogStatus> from, @Bind("deviceId") long deviceId, @Bind("reason") String reason,
                         @Bind("now") Instant now);

    /** After an edit: a play still wanted belongs to the item that now asks for it. */
    @SqlBatch("UPDATE broadcast_log SET item_id = :itemId, updated_at = :now WHERE id = :id")
    void repoint(@Bind("id") List<Long> ids, @Bind("itemId") List<Long> itemIds, @Bind("now") Instant now);

    /** The first and last time of a campaign's plays not yet final; nulls when it has none. */
    @SqlQuery("SELECT MIN(scheduled_at) AS first, MAX(scheduled_at) AS last FROM broadcast_log WHERE campaign_id = :campaignId AND status IN ('PENDING', 'PLAYING')")
    @RegisterConstructorMapper(OpenRange.class)
    OpenRange openRange(@Bind("campaignId") long campaignId);

    /** A campaign's plays not yet final, counted per device, local day and status (read from ix_log_campaign_status alone). */
    @SqlQuery("""
            SELECT campaign_id, device_id, DATE(scheduled_at + INTERVAL :offset SECOND) AS day, status, COUNT(*) AS plays, 0 AS airtime_ms
            FROM broadcast_log
            WHERE campaign_id = :campaignId AND status IN ('PENDING', 'PLAYING') AND scheduled_at >= :from AND scheduled_at < :to
            GROUP BY campaign_id, device_id, day, status""")
    @RegisterConstructorMapper(Tally.class)
    List<Tally> openOfCampaign(@Bind("campaignId") long campaignId, @Bind("from") Instant from, @Bind("to") Instant to,
                               @Bind("offset") int offsetSeconds);

    /** These devices' plays not yet final, counted per campaign, device, local day and status (from ix_log_device_status alone). */
    @SqlQuery("""
            SELECT campaign_id, device_id, DATE(scheduled_at + INTERVAL :offset SECOND) AS day, status, COUNT(*) AS plays, 0 AS airtime_ms
            FROM broadcast_log
            WHERE device_id IN (<deviceIds>) AND status IN ('PENDING', 'PLAYING') AND scheduled_at >= :from AND scheduled_at < :to
            GROUP BY campaign_id, device_id, day, status""")
    @RegisterConstructorMapper(Tally.class)
    List<Tally> openOfDevices(@BindList("deviceIds") Collection<Long> deviceIds, @Bind("from") Instant from, @Bind("to") Instant to,
                              @Bind("offset") int offsetSeconds);

    /**
     * Why plays did not air, most frequent first: what the report lists under its table. The inner count groups in
     * the order of ix_log_campaign_status (a GROUP BY on COALESCE(reason) would need a temporary table: 4× slower
     * on a campaign's year); the outer one joins no reason with an empty one.
     */
    @SqlQuery("""
            SELECT status, COALESCE(reason, '') AS reason, SUM(plays) AS plays
            FROM (SELECT status, reason, COUNT(*) AS plays FROM broadcast_log
                  WHERE campaign_id = :campaignId AND status IN ('MISSED', 'FAILED')
                  GROUP BY status, reason) AS by_reason
            GROUP BY status, COALESCE(reason, '') ORDER BY plays DESC, status, reason LIMIT 50""")
    @RegisterConstructorMapper(Shortfall.class)
    List<Shortfall> shortfalls(@Bind("campaignId") long campaignId);

    /** The same on these devices only (ix_log_campaign_status still: the devices come after the reason in it). */
    @SqlQuery("""
            SELECT status, COALESCE(reason, '') AS reason, SUM(plays) AS plays
            FROM (SELECT status, reason, COUNT(*) AS plays FROM broadcast_log
                  WHERE campaign_id = :campaignId AND status IN ('MISSED', 'FAILED') AND device_id IN (<deviceIds>)
                  GROUP BY status, reason) AS by_reason
            GROUP BY status, COALESCE(reason, '') ORDER BY plays DESC, status, reason LIMIT 50""")
    @RegisterConstructorMapper(Shortfall.class)
    List<Shortfall> shortfallsOf(@Bind("campaignId") long campaignId, @BindList("deviceIds") Collection<Long> deviceIds);

    @SqlQuery("SELECT DISTINCT device_id FROM broadcast_log WHERE media_id = :mediaId AND status = 'PENDING' AND scheduled_at > :after")
    List<Long> devicesWithPending(@Bind("mediaId") long mediaId, @Bind("after") Instant after);

    @SqlQuery("SELECT DISTINCT campaign_id FROM broadcast_log WHERE status = 'PENDING' AND scheduled_at > :after")
    List<Long> campaignsWithPendingAfter(@Bind("after") Instant after);

    /**
     * Whether one of the device's plays names this medium, itself or as its relay's fallback. EXISTS: stops at the
     * first of what may be a year of the device's plays.
     */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM broadcast_log WHERE device_id = :deviceId AND media_id = :mediaId)
                OR EXISTS (SELECT 1 FROM campaign_item i
                             JOIN broadcast_log l ON l.campaign_id = i.campaign_id AND l.item_id = i.id AND l.device_id = :deviceId
                            WHERE i.fallback_media_id = :mediaId)""")
    boolean deviceHasMedia(@Bind("deviceId") long deviceId, @Bind("mediaId") long mediaId);

    /** Plays of these devices in [from, to), per status: the dashboard's "today" (ix_log_device_status). */
    @SqlQuery("""
            SELECT status, COUNT(*) AS plays FROM broadcast_log
             WHERE device_id IN (<deviceIds>) AND scheduled_at >= :from AND scheduled_at < :to
             GROUP BY status""")
    @KeyColumn("status")
    @ValueColumn("plays")
    Map<LogStatus, Long> countsByStatus(@BindList("deviceIds") Collection<Long> deviceIds, @Bind("from") Instant from,
                                         @Bind("to") Instant to);

    /**
     * The campaigns on air now on these devices, most devices first. STRAIGHT_JOIN: the few PLAYING logs first
     * (ix_log_status_time); the optimizer otherwise read each campaign's logs for them.
     */
    @SqlQuery("""
            SELECT c.id, c.title, COUNT(DISTINCT l.device_id) AS devices
              FROM broadcast_log l STRAIGHT_JOIN campaign c ON c.id = l.campaign_id
             WHERE l.device_id IN (<deviceIds>) AND l.status = 'PLAYING'
             GROUP BY c.id, c.title ORDER BY devices DESC, c.title""")
    @RegisterRowMapper(OnAirMapper.class)
    List<OnAir> onAir(@BindList("deviceIds") Collection<Long> deviceIds);

    final class OnAirMapper implements RowMapper<OnAir> {
        @Override
        public OnAir map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new OnAir(rs.getLong("id"), rs.getString("title"), rs.getLong("devices"));
        }
    }
}
