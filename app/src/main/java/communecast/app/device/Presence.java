package communecast.app.device;

import communecast.app.db.BatchWriter;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Whether each device's link is open, written in batches: ten thousand agents linking again after a network
 * cut would otherwise be two commits each, every one waiting for a pooled connection before its agent is
 * welcomed. Applied within a moment, in the order the links opened and closed.
 */
@Singleton
public class Presence {
    private record Change(long deviceId, boolean online, String agentVersion, String reason, Instant at) {
    }

    private final BatchWriter<Change> writer;
    private final Clock clock;

    Presence(Jdbi jdbi, Clock clock) {
        this.clock = clock;
        this.writer = new BatchWriter<>("presence changes", changes -> jdbi.useTransaction(handle ->
                apply(handle.attach(DeviceRepository.class), changes)));
    }

    /** The link opened, or the agent said hello ({@code agentVersion} then, else null). */
    public void connected(long deviceId, String agentVersion) {
        writer.add(new Change(deviceId, true, agentVersion, "link opened", clock.instant()));
    }

    public void disconnected(long deviceId, String reason) {
        writer.add(new Change(deviceId, false, null, reason, clock.instant()));
    }

    private static void apply(DeviceRepository devices, List<Change> arrived) {
        // Rows locked by id, as the heartbeats' batches do; a stable sort keeps each device's changes in order.
        for (Change c : arrived.stream().sorted(Comparator.comparingLong(Change::deviceId)).toList()) {
            if (c.online()) {
                online(devices, c);
            } else {
                offline(devices, c);
            }
        }
    }

    private static void online(DeviceRepository devices, Change c) {
        if (devices.markOnline(c.deviceId(), c.at()) == 1) {
            devices.event(c.deviceId(), "ONLINE", c.reason(), c.at());
        } else {
            devices.seen(c.deviceId(), c.at());
        }
        if (c.agentVersion() != null) {
            devices.agentVersion(c.deviceId(), c.agentVersion());
        }
    }

    private static void offline(DeviceRepository devices, Change c) {
        if (devices.markOffline(c.deviceId()) == 1) {
            devices.event(c.deviceId(), "OFFLINE", c.reason(), c.at());
        }
        devices.seen(c.deviceId(), c.at());
    }

    @PreDestroy
    void close() throws InterruptedException {
        writer.close();
    }
}
