package communecast.app.agentlink;

import io.micronaut.json.JsonMapper;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import communecast.app.StripedLocks;
import communecast.app.cluster.Cluster;
import communecast.app.cluster.DeviceMail;
import communecast.app.device.DeviceRevoked;
import communecast.app.device.Devices;
import io.micronaut.context.event.ApplicationEventPublisher;
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

/**
 * The devices linked to this node, and the one way to send any device a message: written here if its link is
 * here, else handed to the node that holds it ({@link Cluster}).
 */
@Singleton
public class AgentSessions {
    private static final Logger LOG = LoggerFactory.getLogger(AgentSessions.class);

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final String LINKED_AT = "linkedAt";
    private static final String LINK_NUMBER = "linkNumber";
    /** News of a device linked to a node: "{@code <deviceId> <epoch millis linked>}". */
    private static final String LINKED_NEWS = "device-linked";

    private final Map<Long, WebSocketSession> byDevice = new ConcurrentHashMap<>();
    private final AtomicLong links = new AtomicLong();
    /** Links the server closed, until their close is seen. */
    private final Set<WebSocketSession> ended = ConcurrentHashMap.newKeySet();
    private final StripedLocks deviceLocks = new StripedLocks();
    private final JsonMapper json;
    private final Cluster cluster;

    AgentSessions(JsonMapper json, Cluster cluster, Devices devices, ApplicationEventPublisher<AgentConnected> connected) {
        this.json = json;
        this.cluster = cluster;
        cluster.onReconnect(() -> {
            // A revocation announced while the broker was away was not heard: the database says.
            devices.revokedAmong(Set.copyOf(byDevice.keySet())).forEach(id -> end(id, CloseReason.POLICY_VIOLATION));
            // Mail sent meanwhile may be lost: every device linked here gets its full list again.
            byDevice.keySet().forEach(id -> connected.publishEvent(new AgentConnected(id)));
        });
        cluster.onNews(DeviceRevoked.NEWS, id -> end(Long.parseLong(id), CloseReason.POLICY_VIOLATION));
        cluster.onNews(LINKED_NEWS, this::linkedElsewhere);
    }

    /**
     * The device linked through another node (its old link here may be half open for minutes, and would
     * swallow this node's pushes): ended, unless it linked here again since.
     */
    private void linkedElsewhere(String news) {
        String[] parts = news.split(" ");
        long deviceId = Long.parseLong(parts[0]);
        Instant at = Instant.ofEpochMilli(Long.parseLong(parts[1]));
        WebSocketSession session = byDevice.get(deviceId);
        if (session != null && linkedAt(session).isBefore(at)) {
            end(deviceId, new CloseReason(CloseReason.NORMAL.getCode(), "replaced by a newer connection to another node"));
        }
    }

    /** Sends if the device is linked to some node; false if it is not (it gets its orders when it links). */
    public boolean send(long deviceId, Object message) {
        return sendAsync(deviceId, message).join();
    }

    /**
     * Queues the message on the device's link and returns at once: a fan-out to thousands of devices must
     * not wait for each write. Completes true when written, false if no node holds the device's link or
     * the write failed or stalled (never exceptionally).
     */
    public CompletableFuture<Boolean> sendAsync(long deviceId, Object message) {
        String frame;
        try {
            frame = json.writeValueAsString(message);
        } catch (IOException e) {
            LOG.warn("Could not write {} for device {}: {}", message.getClass().getSimpleName(), deviceId, e.toString());
            return CompletableFuture.completedFuture(false);
        }
        return connected(deviceId) ? write(deviceId, frame) : cluster.deliver(deviceId, DeviceMail.frame(frame));
    }

    /** Frames decided on this node and frames from other nodes keep one order per device. */
    public Object lockOf(long deviceId) {
        return deviceLocks.of(deviceId);
    }

    private CompletableFuture<Boolean> write(long deviceId, String frame) {
        WebSocketSession session = byDevice.get(deviceId);
        if (session == null || !session.isOpen()) {
            return CompletableFuture.completedFuture(false);
        }
        try {
            return session.sendAsync(frame)
                    // Bounded: a stalled link must not leave its sender waiting for ever.
                    .orTimeout(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((sent, error) -> {
                        if (error != null) {
                            LOG.warn("Could not send to device {}: {}", deviceId, error.toString());
                        }
                        return error == null;
                    });
        } catch (RuntimeException e) {
            LOG.warn("Could not send to device {}: {}", deviceId, e.toString());
            return CompletableFuture.completedFuture(false);
        }
    }

    /** Mail from another node for a device whose link is here. */
    private CompletableFuture<Boolean> mailed(long deviceId, DeviceMail mail) {
        if (mail.kind() == DeviceMail.Kind.PING) {
            return CompletableFuture.completedFuture(connected(deviceId));
        }
        synchronized (lockOf(deviceId)) {
            return write(deviceId, mail.frame());
        }
    }

    /** Linked to this node. */
    public boolean connected(long deviceId) {
        WebSocketSession session = byDevice.get(deviceId);
        return session != null && session.isOpen();
    }

    /** Linked to this node or to another one. */
    public boolean reachable(long deviceId) {
        return connected(deviceId) || cluster.deliver(deviceId, DeviceMail.ping()).join();
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
        remove(deviceId, session);
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
                && linkedAt(session).isAfter(since);
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
        boolean[] newlyHeld = new boolean[1];
        WebSocketSession kept = byDevice.compute(deviceId, (id, current) -> {
            if (!session.isOpen() || ended.contains(session)) {
                return current;
            }
            if (current == session || current == null || !current.isOpen() || number(current) < number(session)) {
                replaced[0] = current == session ? null : current;
                if (current != session) {
                    cluster.hold(deviceId, mail -> mailed(deviceId, mail));
                    newlyHeld[0] = true;
                }
                return session;
            }
            older[0] = true;
            return current;
        });
        closeReplaced(replaced[0]);
        if (older[0]) {
            closeReplaced(session);
        }
        if (newlyHeld[0]) {
            cluster.announce(LINKED_NEWS, deviceId + " " + linkedAt(session).toEpochMilli());
        }
        return kept == session;
    }

    /** Set as the link opens ({@link #opened}); the epoch for a link never opened here, so it counts as oldest. */
    private static Instant linkedAt(WebSocketSession session) {
        return session.get(LINKED_AT, Instant.class).orElse(Instant.EPOCH);
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
        return remove(deviceId, session);
    }

    /** Released in the same step, so a newer link attaching meanwhile keeps its subscription. */
    private boolean remove(long deviceId, WebSocketSession session) {
        boolean[] removed = new boolean[1];
        byDevice.computeIfPresent(deviceId, (id, current) -> {
            if (current != session) {
                return current;
            }
            removed[0] = true;
            cluster.release(deviceId);
            return null;
        });
        return removed[0];
    }
}
