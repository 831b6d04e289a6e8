package communecast.app.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The other server nodes, if any. A push any node decides goes to the node holding the device's link; the
 * durable truth stays in MariaDB, so a message lost here is repaired by the device's next full order list.
 */
public interface Cluster extends AutoCloseable {

    /** This node's name, stored beside a device's presence so no other node's stale view can undo it. */
    String node();

    /** No other node: what a start finds is this node's alone (links to mark offline, renditions to remake). */
    boolean alone();

    /**
     * Hands the mail to the node holding the device's link. Completes true once written to the link there,
     * false if no node holds it, the link failed or the broker is unreachable (never exceptionally).
     */
    CompletableFuture<Boolean> deliver(long deviceId, DeviceMail mail);

    /** This node now holds the device's link: mail for it comes to {@code here}. Idempotent. */
    void hold(long deviceId, Function<DeviceMail, CompletableFuture<Boolean>> here);

    /** This node no longer holds the device's link. */
    void release(long deviceId);

    /** Tells every other node; they see it through {@link #onNews}. */
    void announce(String topic, String news);

    void onNews(String topic, Consumer<String> handler);

    /**
     * Once connected to the broker, and after each time it was away: mail and news sent meanwhile may be lost,
     * so held devices get full order lists and revocations are checked again. Runs off the caller's thread.
     */
    void onReconnect(Runnable action);

    @Override
    void close();
}
