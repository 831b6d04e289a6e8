package communecast.app.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/** No broker configured: this node is the whole server, and a device not linked here is not linked at all. */
final class SingleNode implements Cluster {
    private final String node;

    SingleNode(String node) {
        this.node = node;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public boolean alone() {
        return true;
    }

    @Override
    public CompletableFuture<Boolean> deliver(long deviceId, DeviceMail mail) {
        return CompletableFuture.completedFuture(false);
    }

    @Override
    public void hold(long deviceId, Function<DeviceMail, CompletableFuture<Boolean>> here) {
    }

    @Override
    public void release(long deviceId) {
    }

    @Override
    public void announce(String topic, String news) {
    }

    @Override
    public void onNews(String topic, Consumer<String> handler) {
    }

    @Override
    public void onReconnect(Runnable action) {
    }

    @Override
    public void close() {
    }
}
