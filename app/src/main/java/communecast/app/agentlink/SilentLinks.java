package communecast.app.agentlink;

import communecast.app.device.Devices;
import communecast.app.device.Presence;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A device is offline after three missed heartbeats, even if its link never closed (a 4G router that
 * drops the line leaves the socket half open for a long time). Its link is closed so the agent reconnects.
 * A device linked through another node is seen there; one held by a node that died is marked offline here.
 */
@Singleton
final class SilentLinks {
    private static final Logger LOG = LoggerFactory.getLogger(SilentLinks.class);
    private static final int MISSED_BEATS = 3;

    private final Devices devices;
    private final Presence presence;
    private final AgentSessions sessions;
    private final Clock clock;
    private final Duration silence;

    SilentLinks(Devices devices, Presence presence, AgentSessions sessions, Clock clock,
                @Value("${communecast.agent.heartbeat-every:30s}") Duration heartbeat) {
        this.devices = devices;
        this.presence = presence;
        this.sessions = sessions;
        this.clock = clock;
        this.silence = heartbeat.multipliedBy(MISSED_BEATS);
    }

    @Scheduled(fixedDelay = "${communecast.agent.silence-check-every:10s}", initialDelay = "10s")
    void sweep() {
        Instant before = clock.instant().minus(silence);
        for (long deviceId : devices.silentSince(before)) {
            if (sessions.linkedSince(deviceId, before)) {
                continue; // Linked again lately: its presence is on its way to the database.
            }
            String reason = "no heartbeat for " + silence.toSeconds() + " s";
            sessions.close(deviceId, reason);
            // Every node sweeps (each closes its own half-open links); the first to mark a device offline wins.
            presence.silent(deviceId, reason, before);
            LOG.warn("Device {} is offline: {}", deviceId, reason);
        }
    }
}
