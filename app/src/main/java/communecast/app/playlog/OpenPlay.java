package communecast.app.playlog;

import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.time.Instant;

/** A play not yet final (PENDING or PLAYING), as much of it as a report needs. */
public record OpenPlay(@ColumnName("campaign_id") long campaignId, @ColumnName("device_id") long deviceId,
                @ColumnName("scheduled_at") Instant scheduledAt, LogStatus status) {
}
