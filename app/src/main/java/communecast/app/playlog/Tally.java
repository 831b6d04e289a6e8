package communecast.app.playlog;

import org.jdbi.v3.core.mapper.reflect.ColumnName;

/** How many of a device's plays of a campaign ended in one status, and how long they aired. */
public record Tally(@ColumnName("device_id") long deviceId, LogStatus status, long plays,
                    @ColumnName("airtime_ms") long airtimeMs) {
}
