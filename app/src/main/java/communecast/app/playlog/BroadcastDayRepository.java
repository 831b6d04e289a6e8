package communecast.app.playlog;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/** The daily roll-up of final statuses (V14): kept by {@link RollupChange}, read by reports. */
@RegisterConstructorMapper(Tally.class)
interface BroadcastDayRepository {
    @SqlBatch("""
            INSERT INTO broadcast_day (campaign_id, device_id, day, status, plays, airtime_ms)
            VALUES (:campaignId, :deviceId, :day, :status, :plays, :airtimeMs)
            ON DUPLICATE KEY UPDATE plays = plays + VALUES(plays), airtime_ms = airtime_ms + VALUES(airtime_ms)""")
    void add(@BindMethods List<DayCount> changes);

    @SqlQuery("""
            SELECT device_id, status, SUM(plays) AS plays, SUM(airtime_ms) AS airtime_ms
            FROM broadcast_day WHERE campaign_id = :campaignId
            GROUP BY device_id, status""")
    List<Tally> campaignByDevice(@Bind("campaignId") long campaignId);

    @SqlQuery("""
            SELECT day, status, SUM(plays) AS plays, SUM(airtime_ms) AS airtime_ms
            FROM broadcast_day WHERE campaign_id = :campaignId
            GROUP BY day, status""")
    List<Tally> campaignByDay(@Bind("campaignId") long campaignId);

    /** A campaign's plays on these devices only (a commune's share of a wider area's campaign), per device. */
    @SqlQuery("""
            SELECT device_id, status, SUM(plays) AS plays, SUM(airtime_ms) AS airtime_ms
            FROM broadcast_day WHERE campaign_id = :campaignId AND device_id IN (<deviceIds>)
            GROUP BY device_id, status""")
    List<Tally> campaignByDeviceOf(@Bind("campaignId") long campaignId, @BindList("deviceIds") Collection<Long> deviceIds);

    /** The same, per day. */
    @SqlQuery("""
            SELECT day, status, SUM(plays) AS plays, SUM(airtime_ms) AS airtime_ms
            FROM broadcast_day WHERE campaign_id = :campaignId AND device_id IN (<deviceIds>)
            GROUP BY day, status""")
    List<Tally> campaignByDayOf(@Bind("campaignId") long campaignId, @BindList("deviceIds") Collection<Long> deviceIds);

    /** Per campaign and device at once: one read of the area's days serves both groupings. */
    @SqlQuery("""
            SELECT campaign_id, device_id, status, SUM(plays) AS plays, SUM(airtime_ms) AS airtime_ms
            FROM broadcast_day WHERE device_id IN (<deviceIds>) AND day BETWEEN :from AND :to
            GROUP BY campaign_id, device_id, status""")
    List<Tally> devicesByCampaignAndDevice(@BindList("deviceIds") Collection<Long> deviceIds, @Bind("from") LocalDate from,
                                           @Bind("to") LocalDate to);

    @SqlQuery("""
            SELECT day, status, SUM(plays) AS plays, SUM(airtime_ms) AS airtime_ms
            FROM broadcast_day WHERE device_id IN (<deviceIds>) AND day BETWEEN :from AND :to
            GROUP BY day, status""")
    List<Tally> devicesByDay(@BindList("deviceIds") Collection<Long> deviceIds, @Bind("from") LocalDate from, @Bind("to") LocalDate to);
}
