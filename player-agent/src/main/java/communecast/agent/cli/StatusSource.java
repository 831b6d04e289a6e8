package communecast.agent.cli;

import communecast.agent.LastProblem;
import communecast.agent.link.AgentStatus;
import communecast.agent.orders.Order;
import communecast.agent.orders.OrderStore;
import communecast.agent.player.Player;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Reads the agent's state for each heartbeat: what plays, what comes next, how full the disk is. */
record StatusSource(Clock clock, Instant startedAt, Player player, OrderStore orders, Path dataDir, Path cacheDir,
                    Duration deadAirAfter)
        implements Supplier<AgentStatus> {

    @Override
    public AgentStatus get() {
        Instant now = clock.instant();
        Optional<Order> next = orders.all().stream().filter(o -> o.startAt().toInstant().isAfter(now))
                .min(Comparator.comparing(o -> o.startAt().toInstant()));
        return new AgentStatus(Duration.between(startedAt, now).toSeconds(), player.playingOrderId(),
                next.map(Order::orderId).orElse(null), next.map(Order::startAt).orElse(null), cacheBytes(),
                freeDiskBytes(), LastProblem.get(), player.silenceOnAir().toSeconds(),
                player.silenceOnAir().compareTo(deadAirAfter) >= 0);
    }

    private Long cacheBytes() {
        if (!Files.isDirectory(cacheDir)) {
            return 0L;
        }
        try (Stream<Path> files = Files.walk(cacheDir)) {
            return files.filter(Files::isRegularFile).mapToLong(StatusSource::size).sum();
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    private Long freeDiskBytes() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            return null;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // Evicted meanwhile.
        }
    }
}
