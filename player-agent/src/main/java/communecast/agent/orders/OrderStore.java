package communecast.agent.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.JsonFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The orders the device holds, one file each, so a restart finds them all again. */
public final class OrderStore {

    private final JsonFiles<Order> files;

    public OrderStore(Path dir, ObjectMapper mapper) {
        this.files = new JsonFiles<>(dir, Order.class, mapper);
    }

    public synchronized void put(Order order) {
        files.write(name(order.orderId()), order);
    }

    public synchronized boolean contains(long orderId) {
        return files.exists(name(orderId));
    }

    public synchronized void remove(long orderId) {
        files.delete(name(orderId));
    }

    public synchronized List<Order> all() {
        return files.names().stream().map(files::read).toList();
    }

    /** The SHA-256 of the media of every held order: on air or still to come, so the cache keeps it. */
    public synchronized Set<String> media() {
        return all().stream().map(Order::mediaSha256).collect(Collectors.toSet());
    }

    private static String name(long orderId) {
        return Long.toString(orderId);
    }
}
