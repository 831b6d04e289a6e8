package communecast.app.playlog;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * A play whose time passed with no word from the device becomes MISSED after a grace period. Safe on
 * every node of a cluster: the plays are locked, and one another node marked is no longer PENDING. A late
 * report from the device still wins.
 */
@Singleton
final class MissedSweep {
    private static final Logger LOG = LoggerFactory.getLogger(MissedSweep.class);

    private final PlayLog playLog;
    private final Duration grace;

    MissedSweep(PlayLog playLog, @Value("${communecast.playlog.missed-grace:2m}") Duration grace) {
        this.playLog = playLog;
        this.grace = grace;
    }

    @Scheduled(fixedDelay = "${communecast.playlog.sweep-every:15s}", initialDelay = "10s")
    void sweep() {
        int missed = playLog.sweepMissed(grace);
        if (missed > 0) {
            LOG.info("{} plays marked MISSED (no report within {})", missed, grace);
        }
    }
}
