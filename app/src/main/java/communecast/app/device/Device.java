package communecast.app.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.time.Instant;

@Serdeable
public record Device(
        long id,
        String name,
        @ColumnName("area_id") long areaId,
        DeviceKind kind,
        @Nullable @ColumnName("screen_width") Integer screenWidth,
        @Nullable @ColumnName("screen_height") Integer screenHeight,
        boolean online,
        @Nullable @ColumnName("last_seen_at") Instant lastSeenAt,
        @Nullable @ColumnName("enrolled_at") Instant enrolledAt,
        @Nullable @ColumnName("agent_version") String agentVersion,
        @Nullable @ColumnName("heartbeat_at") Instant heartbeatAt,
        @Nullable @ColumnName("uptime_seconds") Long uptimeSeconds,
        @Nullable @ColumnName("playing_order_id") Long playingOrderId,
        @Nullable @ColumnName("next_order_id") Long nextOrderId,
        @Nullable @ColumnName("next_start_at") Instant nextStartAt,
        @Nullable @ColumnName("cache_bytes") Long cacheBytes,
        @Nullable @ColumnName("free_disk_bytes") Long freeDiskBytes,
        @Nullable @ColumnName("clock_offset_ms") Long clockOffsetMs,
        /* False when the device's clock is more than 2 s off the server's (the agent plays on corrected time, but the PC needs fixing). */
        @ColumnName("clock_ok") boolean clockOk,
        @Nullable @ColumnName("last_error") String lastError,
        @Nullable @ColumnName("silence_seconds") Long silenceSeconds,
        /* True while the agent reports dead air: what is on air has been silent past its limit. */
        @ColumnName("dead_air") boolean deadAir) {

    /** What a heartbeat says of the device (docs/protocol.md, "heartbeat"). */
    public record Health(@Nullable String agentVersion, @Nullable Long uptimeSeconds, @Nullable Long playingOrderId,
                         @Nullable Long nextOrderId, @Nullable Instant nextStartAt, @Nullable Long cacheBytes,
                         @Nullable Long freeDiskBytes, @Nullable Long clockOffsetMs, @Nullable String lastError,
                         @Nullable Long silenceSeconds, boolean deadAir) {
    }
}
