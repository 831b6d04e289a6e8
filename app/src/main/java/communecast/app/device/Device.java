package communecast.app.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

@Serdeable
public record Device(
        long id,
        String name,
        long areaId,
        DeviceKind kind,
        @Nullable Integer screenWidth,
        @Nullable Integer screenHeight,
        boolean online,
        @Nullable Instant lastSeenAt,
        @Nullable Instant enrolledAt,
        @Nullable String agentVersion,
        @Nullable Instant heartbeatAt,
        @Nullable Long uptimeSeconds,
        @Nullable Long playingOrderId,
        @Nullable Long nextOrderId,
        @Nullable Instant nextStartAt,
        @Nullable Long cacheBytes,
        @Nullable Long freeDiskBytes,
        @Nullable Long clockOffsetMs,
        /* False when the device's clock is more than 2 s off the server's (the agent plays on corrected time, but the PC needs fixing). */
        boolean clockOk,
        @Nullable String lastError,
        @Nullable Long silenceSeconds,
        /* True while the agent reports dead air: what is on air has been silent past its limit. */
        boolean deadAir,
        /* When staff retired it (ngừng sử dụng): kept for the logs that name it, but it links and plays no more. */
        @Nullable Instant retiredAt) {

    /** What a heartbeat says of the device (docs/protocol.md, "heartbeat"). */
    public record Health(@Nullable String agentVersion, @Nullable Long uptimeSeconds, @Nullable Long playingOrderId,
                         @Nullable Long nextOrderId, @Nullable Instant nextStartAt, @Nullable Long cacheBytes,
                         @Nullable Long freeDiskBytes, @Nullable Long clockOffsetMs, @Nullable String lastError,
                         @Nullable Long silenceSeconds, boolean deadAir) {
    }
}
