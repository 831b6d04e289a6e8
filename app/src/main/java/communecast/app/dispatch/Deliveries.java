package communecast.app.dispatch;

import communecast.app.playlog.PlayLog;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records when orders reached their devices' links. Writes complete on the network threads, which must not
 * wait for the database; one writer thread turns whatever has arrived meanwhile into one batch, so a fan-out
 * to thousands of devices costs a few transactions instead of one per device.
 */
@Singleton
final class Deliveries {
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    private record Delivered(long logId, Instant at) {
    }

    private final Queue<Delivered> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("delivery-writer").daemon().factory());
    private final PlayLog playLog;
    private final Clock clock;

    Deliveries(PlayLog playLog, Clock clock) {
        this.playLog = playLog;
        this.clock = clock;
    }

    void record(List<Long> logIds) {
        Instant now = clock.instant();
        logIds.forEach(id -> arrived.add(new Delivered(id, now)));
        if (flushQueued.compareAndSet(false, true)) {
            writer.execute(this::flush);
        }
    }

    private void flush() {
        // Cleared before draining: whatever arrives after this point queues a flush of its own.
        flushQueued.set(false);
        Map<Long, Instant> batch = new LinkedHashMap<>();
        for (Delivered d = arrived.poll(); d != null; d = arrived.poll()) {
            batch.put(d.logId(), d.at());
        }
        try {
            playLog.delivered(batch);
        } catch (RuntimeException e) {
            // Only the delivery time is lost: the play itself is in the log and on the device.
            LOG.warn("Could not record the delivery of {} orders: {}", batch.size(), e.toString());
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
