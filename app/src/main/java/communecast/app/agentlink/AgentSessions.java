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
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The devices connected to this node, and the one way to send them a message. */
@Singleton
public class AgentSessions {
    private static final Logger LOG = LoggerFactory.getLogger(AgentSessions.class);

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final String LINKED_AT = "linkedAt";
    private static final String LINK_NUMBER = "linkNumber";

    private final Map<Long, WebSocketSession> byDevice = new ConcurrentHashMap<>();
    private final AtomicLong links = new AtomicLong();
    /** Links the server closed, until their close is seen. */
    private final Set<WebSocketSession> ended = ConcurrentHashMap.newKeySet();
    private final JsonMapper json;

    AgentSessions(JsonMapper json) {
        this.json = json;
    }

    /** Sends if the device is connected here; false if it is not (it gets its orders when it connects). */
    public boolean send(long deviceId, Object message) {
        return sendAsync(deviceId, message).join();
    }

    /**
     * Queues the message on the device's link and returns at once: a fan-out to thousands of devices must
     * not wait for each write. Completes true when written, false if the device is not connected here or
     * the write failed or stalled (never exceptionally).
     */
    public CompletableFuture<Boolean> sendAsync(long deviceId, Object message) {
        WebSocketSession session = byDevice.get(deviceId);
        if (session == null || !session.isOpen()) {
            return CompletableFuture.completedFuture(false);
        }
        try {
            return session.sendAsync(json.writeValueAsString(message))
                    // Bounded: a stalled link must not leave its sender waiting for ever.
                    .orTimeout(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((sent, error) -> {
                        if (error != null) {
                            LOG.warn("Could not send to device {}: {}", deviceId, error.toString());
                        }
                        return error == null;
                    });
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not send to device {}: {}", deviceId, e.toString());
            return CompletableFuture.completedFuture(false);
        }
    }

    public boolean connected(long deviceId) {
        WebSocketSession session = byDevice.get(deviceId);
        return session != null && session.isOpen();
    }

    /** A revoked token ends the link it opened: a stolen PC stops getting orders at once. */
    @EventListener
    void revoked(DeviceRevoked event) {
        end(event.deviceId(), CloseReason.POLICY_VIOLATION);
    }

    /** Closes a link that went silent, so the agent reconnects; false if there was none. */
    public boolean close(long deviceId, String reason) {
        return end(deviceId, new CloseReason(CloseReason.GOING_AWAY.getCode(), reason));
    }

    /**
     * Marked ended before it leaves the map: a hello already on its way must not attach it again while the
     * close is still being written.
     */
    private boolean end(long deviceId, CloseReason reason) {
        WebSocketSession session = byDevice.get(deviceId);
        if (session == null) {
            return false;
        }
        ended.add(session);
        byDevice.remove(deviceId, session);
        if (!session.isOpen()) {
            ended.remove(session);
            return false;
        }
        session.close(reason);
        return true;
    }

    /** Whether the device's link here opened after {@code since}: its presence may not be written yet. */
    boolean linkedSince(long deviceId, Instant since) {
        WebSocketSession session = byDevice.get(deviceId);
        return session != null && session.isOpen()
                && session.get(LINKED_AT, Instant.class).map(at -> at.isAfter(since)).orElse(false);
    }

    /** Called as a link opens, before the agent can speak: the newest link of a device is the one kept. */
    void opened(WebSocketSession session, Instant at) {
        session.put(LINKED_AT, at);
        session.put(LINK_NUMBER, links.incrementAndGet());
    }

    /**
     * A device has one link: a newer connection (after a network change) replaces the old one. Called when
     * the link opens and again at its hello, which Micronaut may hand over before it has finished opening
     * the link; attaching twice changes nothing. False, and the link closed, if a newer link of the device is
     * attached; false if the server has ended this one.
     */
    boolean attach(long deviceId, WebSocketSession session) {
        WebSocketSession[] replaced = new WebSocketSession[1];
        boolean[] older = new boolean[1];
        WebSocketSession kept = byDevice.compute(deviceId, (id, current) -> {
            if (!session.isOpen() || ended.contains(session)) {
                return current;
            }
            if (current == session || current == null || !current.isOpen() || number(current) < number(session)) {
                replaced[0] = current == session ? null : current;
                return session;
            }
            older[0] = true;
            return current;
        });
        closeReplaced(replaced[0]);
        if (older[0]) {
            closeReplaced(session);
        }
        return kept == session;
    }

    private static long number(WebSocketSession session) {
        return session.get(LINK_NUMBER, Long.class).orElse(0L);
    }

    private static void closeReplaced(WebSocketSession session) {
        if (session != null && session.isOpen()) {
            session.close(new CloseReason(CloseReason.NORMAL.getCode(), "replaced by a newer connection"));
        }
    }

    /** True if this was the device's current session. */
    boolean detach(long deviceId, WebSocketSession session) {
        ended.remove(session);
        return byDevice.remove(deviceId, session);
    }
}
