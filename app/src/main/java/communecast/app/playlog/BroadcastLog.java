package communecast.app.playlog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.time.Instant;

/** Nhật ký phát sóng: one planned play and what became of it. Its id is the agent's order id. */
@Serdeable
public record BroadcastLog(
        long id,
        @ColumnName("campaign_id") long campaignId,
        @ColumnName("item_id") long itemId,
        @ColumnName("device_id") long deviceId,
        @ColumnName("media_id") long mediaId,
        @ColumnName("scheduled_at") Instant scheduledAt,
        @Nullable @ColumnName("started_at") Instant startedAt,
        @Nullable @ColumnName("ended_at") Instant endedAt,
        LogStatus status,
        @Nullable String reason,
        @Nullable @ColumnName("play_until") Instant playUntil,
        @Nullable @ColumnName("delivered_at") Instant deliveredAt) {
}
