package communecast.app.playlog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** Nhật ký phát sóng: one planned play and what became of it. Its id is the agent's order id. */
@Serdeable
public record BroadcastLog(
        long id,
        long campaignId,
        long itemId,
        long deviceId,
        long mediaId,
        Instant scheduledAt,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt,
        LogStatus status,
        @Nullable String reason,
        @Nullable Instant playUntil,
        @Nullable Instant deliveredAt) {

    /** As a device's report leaves it: times it does not say stay as they were. */
    BroadcastLog reported(LogStatus newStatus, @Nullable Instant started, @Nullable Instant ended, @Nullable String why) {
        return new BroadcastLog(id, campaignId, itemId, deviceId, mediaId, scheduledAt, started != null ? started : startedAt,
                ended != null ? ended : endedAt, newStatus, why, playUntil, deliveredAt);
    }
}
