package communecast.app.agentlink;

import io.micronaut.json.JsonMapper;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The devices connected to this node, and the one way to send them a message. */
@Singleton
public class AgentSessions {
    private static final Logger LOG = LoggerFactory.getLogger(AgentSessions.class);

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
            session.sendSync(json.writeValueAsString(message));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not send to device {}: {}", deviceId, e.getMessage());
            return false;
        }
    }

    public boolean connected(long deviceId) {
        WebSocketSession session = byDevice.get(deviceId);
        return session != null && session.isOpen();
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
