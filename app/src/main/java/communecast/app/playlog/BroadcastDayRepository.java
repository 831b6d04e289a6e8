package communecast.app.playlog;

import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

import java.util.List;

/** The daily roll-up of final statuses (V14), kept by {@link RollupChange}. */
interface BroadcastDayRepository {
    @SqlBatch("""
            INSERT INTO broadcast_day (campaign_id, device_id, day, status, plays, airtime_ms)
            VALUES (:campaignId, :deviceId, :day, :status, :plays, :airtimeMs)
            ON DUPLICATE KEY UPDATE plays = plays + VALUES(plays), airtime_ms = airtime_ms + VALUES(airtime_ms)""")
    void add(@BindMethods List<DayCount> changes);
}
