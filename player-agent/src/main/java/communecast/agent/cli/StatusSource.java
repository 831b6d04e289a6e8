package communecast.agent.cli;

import communecast.agent.LastProblem;
import communecast.agent.link.AgentStatus;
import communecast.agent.orders.Order;
import communecast.agent.orders.OrderStore;
import communecast.agent.player.Player;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Reads the agent's state for each heartbeat: what plays, what comes next, how full the disk is. */
record StatusSource(Clock clock, Instant startedAt, Player player, OrderStore orders, Path dataDir, LongSupplier cacheBytes,
                    Duration deadAirAfter)
        implements Supplier<AgentStatus> {

    @Override
    public AgentStatus get() {
        Instant now = clock.instant();
        Duration silence = player.silenceOnAir();
        Optional<Order> next = orders.all().stream().filter(o -> o.startAt().toInstant().isAfter(now))
                .min(Comparator.comparing(o -> o.startAt().toInstant()));
        return new AgentStatus(Duration.between(startedAt, now).toSeconds(), player.playingOrderId(),
                next.map(Order::orderId).orElse(null), next.map(Order::startAt).orElse(null), cacheBytes.getAsLong(),
                freeDiskBytes(), LastProblem.get(), silence.toSeconds(), silence.compareTo(deadAirAfter) >= 0);
    }

    private Long freeDiskBytes() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            return null;
        }
    }
}
