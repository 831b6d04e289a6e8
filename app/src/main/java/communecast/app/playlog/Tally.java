package communecast.app.playlog;

import io.micronaut.core.annotation.Nullable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.time.LocalDate;

/**
 * How many plays of one group ended in one status, and how long they aired. A group is a campaign, a device or
 * a day; the dimensions a tally is not grouped by are null (absent from its query), while a play not yet final
 * is one tally per campaign, device and day, so it can join any grouping.
 */
public record Tally(@Nullable @ColumnName("campaign_id") Long campaignId, @Nullable @ColumnName("device_id") Long deviceId,
                    @Nullable LocalDate day, LogStatus status, long plays, @ColumnName("airtime_ms") long airtimeMs) {
}
