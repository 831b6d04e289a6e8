package communecast.app.agentlink;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.OffsetDateTime;
import java.util.List;

/** Protocol version 1 (docs/protocol.md), the server's side. Field names are the wire names; every field is written, null or empty. */
public final class Messages {
    public static final int VERSION = 1;

    private Messages() {
    }

    // Server → agent

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Welcome(int v, String type, long deviceId, OffsetDateTime serverTime) {
        public Welcome(long deviceId, OffsetDateTime serverTime) {
            this(VERSION, "welcome", deviceId, serverTime);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Orders(int v, String type, boolean complete, List<Order> orders) {
        public Orders(boolean complete, List<Order> orders) {
            this(VERSION, "orders", complete, orders);
        }
    }

    /**
     * One play the device must make; {@code orderId} is the broadcast log's id. {@code fallback}: a relay's recording
     * to air when its stream is down at the start (null otherwise; added in protocol v1, older agents ignore it).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Order(long orderId, long campaignId, long mediaId, String mediaSha256, String mediaUrl, String mediaKind,
                        long durationMs, OffsetDateTime startAt, String level, OffsetDateTime playUntil, @Nullable Fallback fallback) {
    }

    /** A recorded medium the device fetches ahead like any order's, and plays only if the relay's stream is down. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Fallback(long mediaId, String mediaSha256, String mediaUrl, long durationMs) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Withdraw(int v, String type, List<Long> orderIds, String reason) {
        public Withdraw(List<Long> orderIds, String reason) {
            this(VERSION, "withdraw", orderIds, reason);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Ack(int v, String type, String reportId, boolean accepted, @Nullable String reason) {
        public Ack(String reportId, boolean accepted, String reason) {
            this(VERSION, "ack", reportId, accepted, reason);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Error(int v, String type, String code, String message) {
        public Error(String code, String message) {
            this(VERSION, "error", code, message);
        }
    }

    // Agent → server: unknown fields are ignored, so agents may add them without a new version.

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Envelope(@Nullable Integer v, @Nullable String type) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Hello(int v, String type, @Nullable String agentVersion, @Nullable OffsetDateTime sentAt) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Report(int v, String type, String reportId, long orderId, String status,
                         @Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime endedAt, @Nullable String reason) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Heartbeat(int v, String type, @Nullable OffsetDateTime sentAt, @Nullable Long playingOrderId,
                            @Nullable String agentVersion, @Nullable Long uptimeSeconds, @Nullable Long nextOrderId,
                            @Nullable OffsetDateTime nextStartAt, @Nullable Long cacheBytes, @Nullable Long freeDiskBytes,
                            @Nullable Long clockOffsetMs, @Nullable String lastError, @Nullable Long silenceSeconds,
                            @Nullable Boolean deadAir) {
    }

    /** The agent's answer to a {@link Command}. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CommandResult(int v, String type, long commandId, boolean ok, @Nullable String message) {
    }

    /** The agent's half of the clock exchange: its clock when it sent this. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TimeRequest(int v, String type, OffsetDateTime t0) {
    }

    /** A remote command: RESYNC (send hello again), SET_VOLUME (volume 0..1), SCREENSHOT (upload the LED picture). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Command(int v, String type, long commandId, String name, @Nullable Double volume) {
        public Command(long commandId, String name, Double volume) {
            this(VERSION, "command", commandId, name, volume);
        }
    }

    /** Answers a time request at once: when it arrived (t1) and when this answer left (t2), on the server's clock. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TimeReply(int v, String type, OffsetDateTime t0, OffsetDateTime t1, OffsetDateTime t2) {
        public TimeReply(OffsetDateTime t0, OffsetDateTime t1, OffsetDateTime t2) {
            this(VERSION, "timeReply", t0, t1, t2);
        }
    }
}
