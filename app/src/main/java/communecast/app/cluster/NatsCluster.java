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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Nodes sharing one NATS. A node holding a device's link subscribes to that device's subject, so NATS itself
 * knows where each device is: a request there reaches the holder, and "no responders" says at once that no
 * node holds it. Subscriptions follow the links, so an agent relinking elsewhere is found there.
 */
final class NatsCluster implements Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(NatsCluster.class);
    private static final String DEVICE = "communecast.device.";
    private static final String NEWS = "communecast.news.";
    private static final String KIND = "kind";
    private static final byte[] YES = {'1'};
    private static final byte[] NO = {'0'};
    /** The holder's own write is bounded at 5 s (AgentSessions): its answer comes within this. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(7);

    private final String node;
    private final Connection connection;
    private final Dispatcher dispatcher;
    private final Map<Long, Subscription> held = new ConcurrentHashMap<>();
    private final List<Runnable> onReconnect = new CopyOnWriteArrayList<>();

    NatsCluster(String node, String url) {
        this.node = node;
        Options options = new Options.Builder().server(url).connectionName("communecast " + node)
                .maxReconnects(-1).reconnectWait(Duration.ofSeconds(1)).connectionListener(this::changed).build();
        try {
            // A broker down at start is waited for in the background: the node serves its own agents meanwhile.
            this.connection = Nats.connectReconnectOnConnect(options);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach NATS at " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to NATS at " + url, e);
        }
        this.dispatcher = connection.createDispatcher();
        LOG.info("Cluster node {} on NATS {}", node, url);
    }

    private void changed(Connection conn, ConnectionListener.Events event) {
        LOG.info("NATS: {}", event);
        if (event == ConnectionListener.Events.RECONNECTED || event == ConnectionListener.Events.CONNECTED) {
            onReconnect.forEach(Runnable::run);
        }
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public CompletableFuture<Boolean> deliver(long deviceId, DeviceMail mail) {
        Headers headers = new Headers().put(KIND, mail.kind().name());
        try {
            return connection.requestWithTimeout(DEVICE + deviceId, headers, mail.frame().getBytes(StandardCharsets.UTF_8), ANSWER_WITHIN)
                    // Cancelled when no node holds the device ("no responders"), or timed out: not delivered.
                    .handle((answer, error) -> error == null && answer.getData().length == 1 && answer.getData()[0] == '1');
        } catch (RuntimeException e) {
            LOG.warn("Could not hand mail for device {} to NATS: {}", deviceId, e.toString());
            return CompletableFuture.completedFuture(false);
        }
    }

    @Override
    public void hold(long deviceId, Function<DeviceMail, CompletableFuture<Boolean>> here) {
        held.computeIfAbsent(deviceId, id -> dispatcher.subscribe(DEVICE + id, message -> answer(message, here)));
    }

    private void answer(Message message, Function<DeviceMail, CompletableFuture<Boolean>> here) {
        DeviceMail.Kind kind = DeviceMail.Kind.valueOf(message.getHeaders().getFirst(KIND));
        DeviceMail mail = new DeviceMail(kind, new String(message.getData(), StandardCharsets.UTF_8));
        here.apply(mail).thenAccept(done -> {
            if (message.getReplyTo() != null) {
                connection.publish(message.getReplyTo(), done ? YES : NO);
            }
        });
    }

    @Override
    public void release(long deviceId) {
        held.computeIfPresent(deviceId, (id, subscription) -> {
            dispatcher.unsubscribe(subscription);
            return null;
        });
    }

    @Override
    public void announce(String topic, String news) {
        connection.publish(NEWS + topic, (node + "\n" + news).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onNews(String topic, Consumer<String> handler) {
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
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
