package communecast.agent.link;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local clock corrected to the server's. The server decides air times on its clock; a village PC
 * without time sync may be minutes off. Small differences (network noise) are not followed, so playback
 * pacing does not jitter with every reconnect.
 */
public final class ServerClock extends Clock {

    private static final Logger LOG = LoggerFactory.getLogger(ServerClock.class);
    private static final Duration THRESHOLD = Duration.ofMillis(100);

    private final Clock local;
    private volatile Duration offset = Duration.ZERO;

    public ServerClock(Clock local) {
        this.local = local;
    }

    /** {@code residual}: server time minus this clock's time, as just measured. */
    public void correct(Duration residual) {
        if (residual.abs().compareTo(THRESHOLD) > 0) {
            offset = offset.plus(residual);
            LOG.warn("this computer's clock is {} ms off the server's; following the server", offset.toMillis());
        }
    }

    public Duration offset() {
        return offset;
    }

    @Override
    public Instant instant() {
        return local.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return local.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        ServerClock clock = new ServerClock(local.withZone(zone));
        clock.offset = offset;
        return clock;
    }
}
