package communecast.app.agentlink;

import communecast.app.device.Device;
import communecast.app.device.DeviceTokenAuthentication;
import communecast.app.device.Heartbeats;
import communecast.app.device.Presence;
import communecast.app.playlog.LogStatus;
import communecast.app.playlog.PlayReport;
import communecast.app.playlog.PlayReports;
import communecast.app.security.Role;
import communecast.app.web.ReadableErrors;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;

/** The agents' link (protocol v1): hello, reports and heartbeats in; welcome, orders, acks out. */
@ServerWebSocket("/agent/ws")
@Secured(Role.AGENT)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AgentSocket {
    private static final Logger LOG = LoggerFactory.getLogger(AgentSocket.class);
    private static final String DEVICE_ID = "deviceId";

    private final AgentSessions sessions;
    private final Presence presence;
    private final Heartbeats heartbeats;
    private final PlayReports reports;
    private final DeviceCommands commands;
    private final ApplicationEventPublisher<AgentConnected> connected;
    private final JsonMapper json;
    private final Clock clock;

    AgentSocket(AgentSessions sessions, Presence presence, Heartbeats heartbeats, PlayReports reports, DeviceCommands commands,
                ApplicationEventPublisher<AgentConnected> connected, JsonMapper json, Clock clock) {
        this.sessions = sessions;
        this.presence = presence;
        this.heartbeats = heartbeats;
        this.reports = reports;
        this.commands = commands;
        this.connected = connected;
        this.json = json;
        this.clock = clock;
    }

    @OnOpen
    void open(WebSocketSession session, HttpRequest<?> request) {
        Authentication auth = request.getUserPrincipal(Authentication.class).orElse(null);
        if (auth == null || !auth.getRoles().contains(Role.AGENT)) {
            session.close(CloseReason.POLICY_VIOLATION);
            return;
        }
        long deviceId = DeviceTokenAuthentication.deviceId(auth);
        sessions.opened(session, clock.instant());
        session.put(DEVICE_ID, deviceId);
        presence.connected(deviceId, null);
        // The server speaks first (docs/protocol.md, "welcome"), last in this handler: Micronaut switches the
        // pipeline to WebSocket after it, and a frame the agent sends before that switch is lost.
        send(session, new Messages.Welcome(deviceId, OffsetDateTime.now(clock)));
        sessions.attach(deviceId, session);
        LOG.info("Device {} connected", deviceId);
    }

    @OnMessage
    void message(String text, WebSocketSession session) {
        OffsetDateTime received = OffsetDateTime.now(clock);
        Long deviceId = session.get(DEVICE_ID, Long.class).orElse(null);
        if (deviceId == null) {
            return;
        }
        try {
            Messages.Envelope envelope = json.readValue(text, Messages.Envelope.class);
            if (envelope.v() == null || envelope.v() != Messages.VERSION) {
                send(session, new Messages.Error("UNSUPPORTED_VERSION", "this server speaks protocol version " + Messages.VERSION));
                return;
            }
            dispatch(deviceId, envelope.type(), text, session, received);
        } catch (IOException e) {
            LOG.warn("Device {} sent a message that could not be read: {}", deviceId, e.getMessage());
            send(session, new Messages.Error("BAD_MESSAGE", "message not understood: " + ReadableErrors.of(String.valueOf(e.getMessage()))));
        } catch (RuntimeException e) {
            LOG.warn("Device {} sent a message that could not be handled", deviceId, e);
            send(session, new Messages.Error("BAD_MESSAGE",
                    "message not understood: a field is missing or out of range (see docs/protocol.md)"));
        }
    }

    @OnClose
    void close(WebSocketSession session) {
        session.get(DEVICE_ID, Long.class).ifPresent(deviceId -> {
            if (sessions.detach(deviceId, session)) {
                presence.disconnected(deviceId, "link closed");
                LOG.info("Device {} disconnected", deviceId);
            }
        });
    }

    private void dispatch(long deviceId, String type, String text, WebSocketSession session, OffsetDateTime received)
            throws IOException {
        switch (type == null ? "" : type) {
            case "hello" -> hello(deviceId, json.readValue(text, Messages.Hello.class), session);
            case "report" -> report(deviceId, json.readValue(text, Messages.Report.class), session);
            case "heartbeat" -> heartbeat(deviceId, json.readValue(text, Messages.Heartbeat.class), session);
            case "commandResult" -> commands.finished(deviceId, json.readValue(text, Messages.CommandResult.class));
            case "timeRequest" -> send(session, new Messages.TimeReply(json.readValue(text, Messages.TimeRequest.class).t0(),
                    received, OffsetDateTime.now(clock)));
            case "error" -> LOG.warn("Device {} reports a protocol error: {}", deviceId, text);
            default -> LOG.info("Device {} sent unknown message type '{}'; ignored", deviceId, type);
        }
    }

    private void hello(long deviceId, Messages.Hello hello, WebSocketSession session) {
        // The answer goes out through the sessions, which may not hold this link yet (see attach).
        if (!sessions.attach(deviceId, session)) {
            return; // a newer link of the device, or one the server ended: its hello counts for nothing
        }
        presence.connected(deviceId, hello.agentVersion());
        connected.publishEvent(new AgentConnected(deviceId));
    }

    private void heartbeat(long deviceId, Messages.Heartbeat beat, WebSocketSession session) {
        heartbeats.record(deviceId, new Device.Health(beat.agentVersion(), beat.uptimeSeconds(), beat.playingOrderId(),
                beat.nextOrderId(), beat.nextStartAt() == null ? null : beat.nextStartAt().toInstant(), beat.cacheBytes(),
                beat.freeDiskBytes(), beat.clockOffsetMs(), beat.lastError(), beat.silenceSeconds(),
                Boolean.TRUE.equals(beat.deadAir())), beat.sentAt() == null ? null : beat.sentAt().toInstant(),
                () -> session.isOpen() && sessions.connected(deviceId));
    }

    private void report(long deviceId, Messages.Report report, WebSocketSession session) {
        LogStatus status;
        try {
            status = LogStatus.valueOf(report.status());
        } catch (IllegalArgumentException | NullPointerException e) {
            send(session, new Messages.Ack(report.reportId(), false, "unknown status " + report.status()));
            return;
        }
        reports.submit(deviceId, new PlayReport(report.orderId(), status,
                        report.startedAt() == null ? null : report.startedAt().toInstant(),
                        report.endedAt() == null ? null : report.endedAt().toInstant(), report.reason()),
                // From the reports' writer thread, which must not wait for a slow link.
                outcome -> sessions.sendAsync(deviceId, new Messages.Ack(report.reportId(), outcome.accepted(), outcome.reason())));
    }

    private void send(WebSocketSession session, Object message) {
        try {
            session.sendSync(json.writeValueAsString(message));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not answer on {}: {}", session.getId(), e.getMessage());
        }
    }
}
