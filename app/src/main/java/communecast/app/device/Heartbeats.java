package communecast.app.device;

import communecast.app.db.BatchWriter;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The agents' heartbeats, written in batches: ten thousand devices beating every 30 s would otherwise be
 * hundreds of transactions a second, each waiting for a pooled connection behind the plays' reports.
 */
@Singleton
public class Heartbeats {
    private record Arrived(DeviceRepository.Beat beat, BooleanSupplier linked) {
    }

    private final BatchWriter<Arrived> writer;
    private final Clock clock;

    Heartbeats(Jdbi jdbi, Clock clock) {
        this.clock = clock;
        this.writer = new BatchWriter<>("heartbeats", arrived -> {
            List<DeviceRepository.Beat> beats = stillLinked(arrived);
            if (!beats.isEmpty()) {
                jdbi.useTransaction(handle -> apply(handle.attach(DeviceRepository.class), newestPerDevice(beats)));
            }
        });
    }

    /**
     * Applied within a moment, unless a newer one (by the agent's {@code sentAt}) was applied already or
     * {@code linked} says the beat's link has closed meanwhile.
     */
    public void record(long deviceId, Device.Health health, Instant sentAt, BooleanSupplier linked) {
        writer.add(new Arrived(new DeviceRepository.Beat(deviceId, health, sentAt, clock.instant()), linked));
    }

    /** A beat from a link closed since would mark its device online after the close was written. */
    private static List<DeviceRepository.Beat> stillLinked(List<Arrived> arrived) {
        return arrived.stream().filter(a -> a.linked().getAsBoolean()).map(Arrived::beat).toList();
    }

    private void apply(DeviceRepository devices, List<DeviceRepository.Beat> beats) {
        Set<Long> deadAirBefore = devices.inDeadAir(beats.stream().map(DeviceRepository.Beat::deviceId).toList());
        int[] applied = devices.heartbeats(beats);
        List<DeviceRepository.Beat> stale = new ArrayList<>();
        for (int i = 0; i < beats.size(); i++) {
            DeviceRepository.Beat beat = beats.get(i);
            if (applied[i] == 0) {
                stale.add(beat);
            } else if (beat.health().deadAir() && !deadAirBefore.contains(beat.deviceId())) {
                devices.event(beat.deviceId(), "DEAD_AIR", "silence on air for " + beat.health().silenceSeconds() + " s"
                        + (beat.health().playingOrderId() == null ? "" : " during order " + beat.health().playingOrderId()),
                        beat.receivedAt());
            }
        }
        // An older beat overtaken by a newer one still says the device is alive.
        if (!stale.isEmpty()) {
            devices.seen(stale);
        }
    }

    /** The newest beat of each device in the batch (by its send time, then arrival), by device id as presence locks rows. */
    private static List<DeviceRepository.Beat> newestPerDevice(List<DeviceRepository.Beat> beats) {
        Comparator<DeviceRepository.Beat> order = Comparator.comparing(DeviceRepository.Beat::sentAt,
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(DeviceRepository.Beat::receivedAt);
        Map<Long, DeviceRepository.Beat> newest = new TreeMap<>();
        beats.forEach(b -> newest.merge(b.deviceId(), b, (a, c) -> order.compare(a, c) >= 0 ? a : c));
        return List.copyOf(newest.values());
    }

    @PreDestroy
    void close() throws InterruptedException {
        writer.close();
    }
}
