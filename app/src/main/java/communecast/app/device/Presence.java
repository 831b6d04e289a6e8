package communecast.app.device;

import communecast.app.cluster.Cluster;
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
    private enum Kind { LINKED, UNLINKED, SILENT }

    /** {@code silentSince}: for SILENT, the device goes offline only if not heard of since then. */
    private record Change(long deviceId, Kind kind, String agentVersion, String reason, Instant at, Instant silentSince) {
    }

    private final BatchWriter<Change> writer;
    private final Clock clock;
    private final String node;

    Presence(Jdbi jdbi, Clock clock, Cluster cluster) {
        this.clock = clock;
        this.node = cluster.node();
        this.writer = new BatchWriter<>("presence changes", changes -> jdbi.useTransaction(handle ->
                apply(handle.attach(DeviceRepository.class), changes)));
    }

    /** The link opened, or the agent said hello ({@code agentVersion} then, else null). */
    public void connected(long deviceId, String agentVersion) {
        writer.add(new Change(deviceId, Kind.LINKED, agentVersion, "link opened", clock.instant(), null));
    }

    /** This node's link of the device closed. */
    public void disconnected(long deviceId, String reason) {
        writer.add(new Change(deviceId, Kind.UNLINKED, null, reason, clock.instant(), null));
    }

    /** Not heard of since {@code since}, through any node. */
    public void silent(long deviceId, String reason, Instant since) {
        writer.add(new Change(deviceId, Kind.SILENT, null, reason, clock.instant(), since));
    }

    private void apply(DeviceRepository devices, List<Change> arrived) {
        // Rows locked by id, as the heartbeats' batches do; a stable sort keeps each device's changes in order.
        for (Change c : arrived.stream().sorted(Comparator.comparingLong(Change::deviceId)).toList()) {
            switch (c.kind()) {
                case LINKED -> online(devices, c);
                case UNLINKED -> offline(devices, c, devices.markOfflineFrom(c.deviceId(), node));
                case SILENT -> offline(devices, c, devices.markSilent(c.deviceId(), c.silentSince()));
            }
        }
    }

    private void online(DeviceRepository devices, Change c) {
        if (devices.markOnline(c.deviceId(), c.at(), node) == 1) {
            devices.event(c.deviceId(), "ONLINE", c.reason(), c.at());
        } else {
            devices.linked(c.deviceId(), c.at(), node);
        }
        if (c.agentVersion() != null) {
            devices.agentVersion(c.deviceId(), c.agentVersion());
        }
    }

    /** {@code changed}: rows the conditional update set offline. */
    private static void offline(DeviceRepository devices, Change c, int changed) {
        if (changed == 1) {
            devices.event(c.deviceId(), "OFFLINE", c.reason(), c.at());
        }
        devices.seen(c.deviceId(), c.at());
    }

    @PreDestroy
    void close() throws InterruptedException {
        writer.close();
    }
}
