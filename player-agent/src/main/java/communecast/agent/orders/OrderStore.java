package communecast.agent.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.JsonFiles;
import java.nio.file.Path;
import java.util.List;

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

    private static String name(long orderId) {
        return Long.toString(orderId);
    }
}
