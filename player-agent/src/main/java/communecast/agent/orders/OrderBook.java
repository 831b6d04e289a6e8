package communecast.agent.orders;

import communecast.agent.player.Player;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the server's decisions (orders, withdrawals) to the held orders, the cache and the timeline. */
public final class OrderBook {

    private static final Logger LOG = LoggerFactory.getLogger(OrderBook.class);

    private final OrderStore store;
    private final Consumer<Order> prefetch;
    private final Player player;

    public OrderBook(OrderStore store, Consumer<Order> prefetch, Player player) {
        this.store = store;
        this.prefetch = prefetch;
        this.player = player;
    }

    /** Takes up the orders held before a restart. */
    public synchronized void start() {
        List<Order> held = store.all();
        LOG.info("{} held order(s) from before", held.size());
        held.forEach(this::take);
    }

    /** A complete list replaces what has not started; a partial one only adds. */
    public synchronized void receive(List<Order> orders, boolean complete) {
        if (complete) {
            Set<Long> listed = orders.stream().map(Order::orderId).collect(Collectors.toSet());
            store.all().stream()
                    .map(Order::orderId)
                    .filter(id -> !listed.contains(id))
                    .forEach(id -> drop(id, "not in the server's complete list"));
        }
        for (Order order : orders) {
            if (!order.isComplete()) {
                LOG.warn("order {} ignored: it lacks startAt, mediaUrl or mediaSha256", order.orderId());
            } else if (!store.contains(order.orderId())) {
                store.put(order);
                take(order);
            }
        }
    }

    /** Drops what has not started; a withdrawn play on air is cut (an emergency stopped, a campaign pulled). */
    public synchronized void withdraw(List<Long> orderIds, String reason) {
        orderIds.forEach(id -> {
            if (player.cut(id, "withdrawn: " + reason)) {
                LOG.info("order {} cut on air (withdrawn: {})", id, reason);
            } else {
                drop(id, "withdrawn: " + reason);
            }
        });
    }

    private void take(Order order) {
        if (player.schedule(order)) {
            prefetch.accept(order);
        } else {
            store.remove(order.orderId());
        }
    }

    private void drop(long orderId, String why) {
        if (player.withdraw(orderId)) {
            store.remove(orderId);
            LOG.info("order {} dropped ({})", orderId, why);
        }
    }
}
