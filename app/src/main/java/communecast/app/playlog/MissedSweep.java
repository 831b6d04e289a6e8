package communecast.app.playlog;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A play whose time passed with no word from the device becomes MISSED after a grace period. Safe on
 * every node of a cluster: the plays are locked, and one another node marked is no longer PENDING. A late
 * report from the device still wins.
 */
@Singleton
final class MissedSweep {
    private static final Logger LOG = LoggerFactory.getLogger(MissedSweep.class);

    private final PlayLog playLog;

    MissedSweep(PlayLog playLog) {
        this.playLog = playLog;
    }

    /** The first sweep waits for the start-up to settle (a test's server sweeps sooner). */
    @Scheduled(fixedDelay = "${communecast.playlog.sweep-every:15s}", initialDelay = "${communecast.playlog.sweep-first-after:10s}")
    void sweep() {
        int missed = playLog.sweepMissed();
        if (missed > 0) {
            LOG.info("{} plays marked MISSED (no report within {})", missed, playLog.missedGrace());
        }
    }
}
