package communecast.agent.link;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.BiConsumer;
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
    /** A PC's clock drifts a few seconds a week: an offset older than this says little about it now. */
    static final Duration KEPT_FOR = Duration.ofDays(30);

    private final Clock local;
    private final BiConsumer<Duration, Instant> keep;
    private volatile Duration offset;

    public ServerClock(Clock local) {
        this(local, Duration.ZERO, (offset, at) -> { });
    }

    private ServerClock(Clock local, Duration offset, BiConsumer<Duration, Instant> keep) {
        this.local = local;
        this.offset = offset;
        this.keep = keep;
    }

    /**
     * Starts from the offset {@code store} kept, and keeps each new one there. An offset that would put the
     * server's time before it was measured (the PC's clock was set back since), or one measured more than
     * {@link #KEPT_FOR} ago, is not trusted: the PC's own clock until the link measures again.
     */
    public static ServerClock restored(Clock local, ClockOffsetStore store) {
        Duration offset = store.kept().map(kept -> {
            Instant corrected = local.instant().plus(kept.offset());
            if (corrected.isBefore(kept.measuredAt()) || corrected.isAfter(kept.measuredAt().plus(KEPT_FOR))) {
                LOG.warn("not using the clock offset of {} ms measured at {}: this computer's clock now reads {}",
                        kept.offset().toMillis(), kept.measuredAt(), local.instant());
                return Duration.ZERO;
            }
            LOG.info("following the server's clock as measured at {}: this computer's clock was {} ms off",
                    kept.measuredAt(), kept.offset().toMillis());
            return kept.offset();
        }).orElse(Duration.ZERO);
        return new ServerClock(local, offset, store::keep);
    }

    /** {@code residual}: server time minus this clock's time, as just measured. */
    public void correct(Duration residual) {
        if (residual.abs().compareTo(THRESHOLD) > 0) {
            offset = offset.plus(residual);
            LOG.warn("this computer's clock is {} ms off the server's; following the server", offset.toMillis());
            keep(offset);
        }
    }

    /** A store that cannot be written costs the next restart the offset, not this link its time. */
    private void keep(Duration kept) {
        try {
            keep.accept(kept, instant());
        } catch (RuntimeException e) {
            LOG.warn("cannot keep the clock offset for the next start: {}", e.getMessage());
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
        return new ServerClock(local.withZone(zone), offset, keep);
    }
}
