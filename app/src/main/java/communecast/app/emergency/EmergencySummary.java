package communecast.app.emergency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.time.Instant;

/** One emergency in the list of past ones: what went out, who fired it and when, who stopped it. */
@Serdeable
public record EmergencySummary(long id, @ColumnName("campaign_id") long campaignId, String title, @ColumnName("media_id") long mediaId,
                               @ColumnName("repeat_count") int repeat, @ColumnName("valid_until") Instant validUntil,
                               @ColumnName("started_by") String startedBy, @ColumnName("created_at") Instant startedAt,
                               @Nullable @ColumnName("stopped_by") String stoppedBy, @Nullable @ColumnName("stopped_at") Instant stoppedAt) {
}
