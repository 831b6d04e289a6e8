package communecast.app.cluster;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Nodes sharing one NATS. A node holding a device's link subscribes to that device's subject, so NATS itself
 * knows where each device is: a request there reaches the holder, and "no responders" says at once that no
 * node holds it. Subscriptions follow the links, so an agent relinking elsewhere is found there.
 *
 * <p>Mail is never late: nothing is buffered while the broker is away (a push sent then is counted as not
 * delivered, and the full order list after the reconnect makes up for it), and a holder drops mail whose
 * sender has stopped waiting, so an old push cannot land after a newer withdraw.
 */
final class NatsCluster implements Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(NatsCluster.class);
    private static final String DEVICE = "communecast.device.";
    private static final String NEWS = "communecast.news.";
    private static final String KIND = "kind";
    private static final String UNTIL = "until";
    private static final byte[] YES = {'1'};
    /** The holder's own write is bounded at 5 s (AgentSessions): its answer comes within this. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(7);
    private static final int LANES = 4;

    private final String node;
    private final Map<Long, Function<DeviceMail, CompletableFuture<Boolean>>> here = new ConcurrentHashMap<>();
    private final Map<Long, Subscription> held = new ConcurrentHashMap<>();
    private final List<Map.Entry<String, Consumer<String>>> newsHandlers = new CopyOnWriteArrayList<>();
    private final List<Runnable> onReconnect = new CopyOnWriteArrayList<>();
    private final AtomicBoolean resyncing = new AtomicBoolean();
    /** A device's mail keeps its order on one lane, off the client's single callback thread. */
    private final List<ExecutorService> lanes = IntStream.range(0, LANES)
            .mapToObj(i -> Executors.newSingleThreadExecutor(Thread.ofPlatform().name("cluster-mail-" + i).daemon().factory())).toList();
    private volatile Connection connection;
    private volatile Dispatcher dispatcher;

    NatsCluster(String node, String url) {
        this.node = node;
        Options options = new Options.Builder().server(url).connectionName("communecast " + node)
                .maxReconnects(-1).reconnectWait(Duration.ofSeconds(1)).reconnectBufferSize(0)
                .connectionListener(this::changed).build();
        try {
            // In the background: a node whose broker is down at start serves its own agents meanwhile.
            Nats.connectAsynchronously(options, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to NATS at " + url, e);
        }
        LOG.info("Cluster node {} on NATS {}", node, url);
    }

    private synchronized void changed(Connection conn, ConnectionListener.Events event) {
        LOG.info("NATS: {}", event);
        if (event == ConnectionListener.Events.CONNECTED && connection == null) {
            dispatcher = conn.createDispatcher();
            connection = conn;
            here.keySet().forEach(this::subscribe);
            newsHandlers.forEach(n -> subscribeNews(n.getKey(), n.getValue()));
            resync();
        } else if (event == ConnectionListener.Events.RESUBSCRIBED) {
            resync();
        }
    }

    /** Once at a time however often the link to the broker flaps, off the client's threads. */
    private void resync() {
        if (resyncing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("cluster-resync").start(() -> {
                try {
                    onReconnect.forEach(Runnable::run);
                } finally {
                    resyncing.set(false);
                }
            });
        }
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public boolean alone() {
        return false;
    }

    @Override
    public CompletableFuture<Boolean> deliver(long deviceId, DeviceMail mail) {
        Connection conn = connection;
        if (conn == null) {
            return CompletableFuture.completedFuture(false);
        }
        Headers headers = new Headers().put(KIND, mail.kind().name())
                .put(UNTIL, Long.toString(System.currentTimeMillis() + ANSWER_WITHIN.toMillis()));
        try {
            return conn.requestWithTimeout(DEVICE + deviceId, headers, mail.frame().getBytes(StandardCharsets.UTF_8), ANSWER_WITHIN)
                    // Cancelled when no node holds the device ("no responders"), or timed out: not delivered.
                    .handle((answer, error) -> error == null && answer.getData().length == 1 && answer.getData()[0] == '1');
        } catch (RuntimeException e) {
            LOG.warn("Could not hand mail for device {} to NATS: {}", deviceId, e.toString());
            return CompletableFuture.completedFuture(false);
        }
    }

    /**
     * Subscribed on the device's lane, not on the caller's thread: the caller opens the WebSocket, and an agent
     * frame arriving before that handler returns would be lost (Micronaut switches the pipeline after it).
     */
    @Override
    public void hold(long deviceId, Function<DeviceMail, CompletableFuture<Boolean>> handler) {
        here.put(deviceId, handler);
        lane(deviceId).execute(() -> {
            if (here.containsKey(deviceId)) {
                subscribe(deviceId);
            }
        });
    }

    private void subscribe(long deviceId) {
        Dispatcher d = dispatcher;
        if (d == null) {
            return; // subscribed once connected
        }
        try {
            held.computeIfAbsent(deviceId, id -> d.subscribe(DEVICE + id, message -> lane(id).execute(() -> answer(id, message))));
        } catch (RuntimeException e) {
            // The link stays usable from this node; other nodes' pushes reach it at its next full list.
            LOG.warn("Could not subscribe for device {}: {}", deviceId, e.toString());
        }
    }

    private ExecutorService lane(long deviceId) {
        return lanes.get((int) Math.floorMod(deviceId, (long) LANES));
    }

    /** Answers only when written here: a node whose link of the device just closed leaves the holder to answer. */
    private void answer(long deviceId, Message message) {
        Headers headers = message.getHeaders();
        String kind = headers == null ? null : headers.getFirst(KIND);
        String until = headers == null ? null : headers.getFirst(UNTIL);
        Function<DeviceMail, CompletableFuture<Boolean>> handler = here.get(deviceId);
        if (kind == null || handler == null || (until != null && System.currentTimeMillis() > Long.parseLong(until))) {
            return;
        }
        DeviceMail mail = new DeviceMail(DeviceMail.Kind.valueOf(kind), new String(message.getData(), StandardCharsets.UTF_8));
        handler.apply(mail).thenAccept(done -> {
            if (done && message.getReplyTo() != null) {
                connection.publish(message.getReplyTo(), YES);
            }
        });
    }

    @Override
    public void release(long deviceId) {
        here.remove(deviceId);
        lane(deviceId).execute(() -> unsubscribe(deviceId));
    }

    private void unsubscribe(long deviceId) {
        if (here.containsKey(deviceId)) {
            return; // held again meanwhile
        }
        held.computeIfPresent(deviceId, (id, subscription) -> {
            try {
                dispatcher.unsubscribe(subscription);
            } catch (RuntimeException e) {
                LOG.warn("Could not unsubscribe for device {}: {}", deviceId, e.toString());
            }
            return null;
        });
    }

    @Override
    public void announce(String topic, String news) {
        Connection conn = connection;
        if (conn == null) {
            LOG.warn("Not connected to NATS: the other nodes do not hear of {} {}", topic, news);
            return;
        }
        try {
            conn.publish(NEWS + topic, (node + "\n" + news).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.warn("Could not tell the other nodes of {} {}: {}", topic, news, e.toString());
        }
    }

    @Override
    public synchronized void onNews(String topic, Consumer<String> handler) {
        newsHandlers.add(Map.entry(topic, handler));
        if (dispatcher != null) {
            subscribeNews(topic, handler);
        }
    }

    private void subscribeNews(String topic, Consumer<String> handler) {
        dispatcher.subscribe(NEWS + topic, message -> {
            String text = new String(message.getData(), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            if (newline > 0 && !text.substring(0, newline).equals(node)) {
                handler.accept(text.substring(newline + 1));
            }
        });
    }

    @Override
    public void onReconnect(Runnable action) {
        onReconnect.add(action);
    }

    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdownNow);
        Connection conn = connection;
        if (conn != null) {
            try {
                conn.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
