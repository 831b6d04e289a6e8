package communecast.app.agentlink;

import io.micronaut.json.JsonMapper;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import communecast.app.device.DeviceRevoked;
import io.micronaut.runtime.event.annotation.EventListener;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The devices connected to this node, and the one way to send them a message. */
@Singleton
public class AgentSessions {
    private static final Logger LOG = LoggerFactory.getLogger(AgentSessions.class);

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final Map<Long, WebSocketSession> byDevice = new ConcurrentHashMap<>();
    private final JsonMapper json;

    AgentSessions(JsonMapper json) {
        this.json = json;
    }

    /** Sends if the device is connected here; false if it is not (it gets its orders when it connects). */
    public boolean send(long deviceId, Object message) {
        WebSocketSession session = byDevice.get(deviceId);
        if (session == null || !session.isOpen()) {
            return false;
        }
        try {
            // Bounded: a stalled link must not hold a dispatch thread that serves every other device.
            session.sendAsync(json.writeValueAsString(message)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Could not send to device {}: {}", deviceId, e.toString());
            return false;
        }
    }

    public boolean connected(long deviceId) {
        WebSocketSession session = byDevice.get(deviceId);
        return session != null && session.isOpen();
    }

    /** A revoked token ends the link it opened: a stolen PC stops getting orders at once. */
    @EventListener
    void revoked(DeviceRevoked event) {
        WebSocketSession session = byDevice.remove(event.deviceId());
        if (session != null && session.isOpen()) {
            session.close(CloseReason.POLICY_VIOLATION);
        }
    }

    /** Closes a link that went silent, so the agent reconnects; false if there was none. */
    public boolean close(long deviceId, String reason) {
        WebSocketSession session = byDevice.remove(deviceId);
        if (session == null || !session.isOpen()) {
            return false;
        }
        session.close(new CloseReason(CloseReason.GOING_AWAY.getCode(), reason));
        return true;
    }

    /** A device has one link: a new connection (after a network change) replaces the old one. */
    void attach(long deviceId, WebSocketSession session) {
        WebSocketSession previous = byDevice.put(deviceId, session);
        if (previous != null && previous != session && previous.isOpen()) {
            previous.close(new CloseReason(CloseReason.NORMAL.getCode(), "replaced by a newer connection"));
        }
    }

    /** True if this was the device's current session. */
    boolean detach(long deviceId, WebSocketSession session) {
        return byDevice.remove(deviceId, session);
    }
}
