package communecast.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Protocol v1 as the load generator writes and reads it, by docs/protocol.md alone: the server and the agent
 * share no classes, and neither does this. {@code ProtocolMessagesTest} holds every message built here to the
 * field names of the page's example of its type.
 */
final class ProtocolMessages {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int VERSION = 1;
    static final String AGENT_VERSION = "loadgen-1";
    private static final ZoneId ZONE = ZoneId.systemDefault();

    private ProtocolMessages() {
    }

    static ObjectNode enrollRequest(String code) {
        return JSON.createObjectNode().put("v", VERSION).put("code", code).put("agentVersion", AGENT_VERSION);
    }

    static ObjectNode hello(Instant sentAt) {
        return message("hello").put("agentVersion", AGENT_VERSION).put("sentAt", time(sentAt));
    }

    static ObjectNode timeRequest(Instant t0) {
        return message("timeRequest").put("t0", time(t0));
    }

    /** What the agent did with an order; a {@code reason} (FAILED, MISSED, PREEMPTED) is the "report-failed" example's shape. */
    static ObjectNode report(long orderId, String status, Instant startedAt, Instant endedAt, String reason) {
        ObjectNode report = message("report").put("reportId", orderId + ":" + status).put("orderId", orderId).put("status", status)
                .put("startedAt", time(startedAt)).put("endedAt", time(endedAt));
        return reason == null ? report : report.put("reason", reason);
    }

    /** A heartbeat with every field of the example; what the load generator does not model is null or zero. */
    static ObjectNode heartbeat(Instant sentAt, Long playingOrderId, long uptimeSeconds, Long nextOrderId, Instant nextStartAt,
                                long cacheBytes, long freeDiskBytes, Long clockOffsetMs, String lastError) {
        ObjectNode beat = message("heartbeat").put("sentAt", time(sentAt)).put("playingOrderId", playingOrderId)
                .put("agentVersion", AGENT_VERSION).put("uptimeSeconds", uptimeSeconds).put("nextOrderId", nextOrderId)
                .put("nextStartAt", time(nextStartAt)).put("cacheBytes", cacheBytes).put("freeDiskBytes", freeDiskBytes)
                .put("clockOffsetMs", clockOffsetMs).put("lastError", lastError);
        return beat.put("silenceSeconds", 0).put("deadAir", false);
    }

    static ObjectNode commandResult(long commandId, boolean ok, String text) {
        return message("commandResult").put("commandId", commandId).put("ok", ok).put("message", text);
    }

    private static ObjectNode message(String type) {
        return JSON.createObjectNode().put("v", VERSION).put("type", type);
    }

    /** ISO-8601 with an offset, always with seconds (OffsetDateTime.toString drops ":00"). */
    static String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(ZONE).toOffsetDateTime());
    }

    static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : OffsetDateTime.parse(value.asText()).toInstant();
    }

    /** One entry of an {@code orders} message. */
    record Order(long orderId, long campaignId, long mediaId, String mediaSha256, String mediaUrl, String mediaKind, long durationMs,
                 Instant startAt, String level, Instant playUntil) {
        static Order of(JsonNode o) {
            return new Order(o.path("orderId").asLong(), o.path("campaignId").asLong(-1), o.path("mediaId").asLong(),
                    o.path("mediaSha256").asText(null), o.path("mediaUrl").asText(null), o.path("mediaKind").asText("AUDIO"),
                    o.path("durationMs").asLong(), instant(o, "startAt"), o.path("level").asText("NORMAL"), instant(o, "playUntil"));
        }

        /** The last instant a play may begin: its {@code playUntil}, else 30 s after {@code startAt} (docs/protocol.md, "orders"). */
        Instant lateLimit() {
            return playUntil != null ? playUntil : startAt.plusSeconds(30);
        }
    }

    /** How far the server's clock is ahead of the agent's, from one timeRequest/timeReply exchange (t3: reply arrived). */
    static long serverAheadMs(Instant t0, Instant t1, Instant t2, Instant t3) {
        return (Duration.between(t0, t1).toMillis() + Duration.between(t3, t2).toMillis()) / 2;
    }

    /** The round trip of that exchange less the server's own time: twice its error bound. */
    static long roundTripMs(Instant t0, Instant t1, Instant t2, Instant t3) {
        return Duration.between(t0, t3).toMillis() - Duration.between(t1, t2).toMillis();
    }
}
