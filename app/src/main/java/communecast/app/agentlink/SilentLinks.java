package communecast.app.agentlink;

import communecast.app.device.Devices;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * A device is offline after three missed heartbeats, even if its link never closed (a 4G router that
 * drops the line leaves the socket half open for a long time). Its link is closed so the agent reconnects.
 */
@Singleton
final class SilentLinks {
    private static final Logger LOG = LoggerFactory.getLogger(SilentLinks.class);
    private static final int MISSED_BEATS = 3;

    private final Devices devices;
    private final AgentSessions sessions;
    private final Clock clock;
    private final Duration silence;

    SilentLinks(Devices devices, AgentSessions sessions, Clock clock,
                @Value("${communecast.agent.heartbeat-every:30s}") Duration heartbeat) {
        this.devices = devices;
        this.sessions = sessions;
        this.clock = clock;
        this.silence = heartbeat.multipliedBy(MISSED_BEATS);
    }

    @Scheduled(fixedDelay = "${communecast.agent.silence-check-every:10s}", initialDelay = "10s")
    void sweep() {
        for (long deviceId : devices.silentSince(clock.instant().minus(silence))) {
            String reason = "no heartbeat for " + silence.toSeconds() + " s";
            sessions.close(deviceId, reason);
            devices.disconnected(deviceId, reason);
            LOG.warn("Device {} is offline: {}", deviceId, reason);
        }
    }
}
