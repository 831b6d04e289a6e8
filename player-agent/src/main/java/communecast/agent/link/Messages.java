package communecast.agent.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import communecast.agent.orders.Order;
import communecast.agent.outbox.PlayStatus;
import communecast.agent.outbox.Report;
import java.time.OffsetDateTime;
import java.util.List;

/** The messages of protocol version 1 (docs/protocol.md), field for field. */
public final class Messages {

    public static final int VERSION = 1;

    private Messages() {
    }

    /** What the server sends over the link. */
    public sealed interface Inbound permits Welcome, TimeReply, Command, Orders, Withdraw, Ack, ErrorMessage, Unknown, Unsupported {
    }

    /** What the agent sends over the link. */
    public sealed interface Outbound permits Hello, ReportMessage, Heartbeat, TimeRequest, CommandResult, ErrorMessage {
    }

    public record Welcome(int v, String type, long deviceId, OffsetDateTime serverTime) implements Inbound {
    }

    public record TimeReply(int v, String type, OffsetDateTime t0, OffsetDateTime t1, OffsetDateTime t2) implements Inbound {
    }

    public record Command(int v, String type, long commandId, String name, Double volume) implements Inbound {
    }

    public record CommandResult(int v, String type, long commandId, boolean ok, String message) implements Outbound {
        public static CommandResult of(long commandId, CommandHandler.Result result) {
            return new CommandResult(VERSION, "commandResult", commandId, result.ok(), result.message());
        }
    }

    public record Orders(int v, String type, boolean complete, List<Order> orders) implements Inbound {
        public Orders {
            orders = orders == null ? List.of() : orders;
        }
    }

    public record Withdraw(int v, String type, List<Long> orderIds, String reason) implements Inbound {
        public Withdraw {
            orderIds = orderIds == null ? List.of() : orderIds;
        }
    }

    public record Ack(int v, String type, String reportId, boolean accepted, String reason) implements Inbound {
    }

    public record ErrorMessage(int v, String type, String code, String message) implements Inbound, Outbound {
        public static ErrorMessage unsupportedVersion() {
            return new ErrorMessage(VERSION, "error", "UNSUPPORTED_VERSION",
                    "this agent speaks protocol version " + VERSION);
        }
    }

    /** A message type this agent does not know: logged and ignored. */
    public record Unknown(String type) implements Inbound {
    }

    /** A message of a protocol version this agent does not speak. */
    public record Unsupported(int v) implements Inbound {
    }

    public record Hello(int v, String type, String agentVersion, OffsetDateTime sentAt) implements Outbound {
        public static Hello of(String agentVersion, OffsetDateTime sentAt) {
            return new Hello(VERSION, "hello", agentVersion, sentAt);
        }
    }

    public record ReportMessage(int v, String type, String reportId, long orderId, PlayStatus status,
            OffsetDateTime startedAt, OffsetDateTime endedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String reason) implements Outbound {
        public static ReportMessage of(Report r) {
            return new ReportMessage(VERSION, "report", r.reportId(), r.orderId(), r.status(), r.startedAt(),
                    r.endedAt(), r.reason());
        }
    }

    public record Heartbeat(int v, String type, OffsetDateTime sentAt, Long playingOrderId, String agentVersion,
            long uptimeSeconds, Long nextOrderId, OffsetDateTime nextStartAt, Long cacheBytes, Long freeDiskBytes,
            long clockOffsetMs, String lastError, long silenceSeconds, boolean deadAir) implements Outbound {
        /** {@code clockOffsetMs}: this computer's clock minus the server's. */
        public static Heartbeat of(OffsetDateTime sentAt, String agentVersion, AgentStatus s, long clockOffsetMs) {
            return new Heartbeat(VERSION, "heartbeat", sentAt, s.playingOrderId(), agentVersion, s.uptimeSeconds(),
                    s.nextOrderId(), s.nextStartAt(), s.cacheBytes(), s.freeDiskBytes(), clockOffsetMs, s.lastError(),
                    s.silenceSeconds(), s.deadAir());
        }
    }

    public record TimeRequest(int v, String type, OffsetDateTime t0) implements Outbound {
        public static TimeRequest of(OffsetDateTime t0) {
            return new TimeRequest(VERSION, "timeRequest", t0);
        }
    }

    /** Body of {@code POST /agent/enroll}. */
    public record EnrollRequest(int v, String code, String agentVersion) {
        public static EnrollRequest of(String code, String agentVersion) {
            return new EnrollRequest(VERSION, code, agentVersion);
        }
    }

    /** Answer of {@code POST /agent/enroll}. */
    public record EnrollResponse(int v, long deviceId, String token) {
    }
}
