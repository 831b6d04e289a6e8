package communecast.agent.player;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one play on air. A play whose time comes while another is on air cuts it if its level is higher;
 * otherwise it waits for the stage, at most until its start is {@code missTolerance} late. Waiting plays
 * get the stage in order of their air time, then level, then the older campaign, then order id.
 */
final class Stage {

    private static final Logger LOG = LoggerFactory.getLogger(Stage.class);
    /** A play that started this much late still counts as done when the next one's time comes. */
    private static final Duration BACK_TO_BACK_SLACK = Duration.ofMillis(100);
    /** Among plays due at the same instant: the higher level first, then the older campaign, then the lower order id. */
    private static final Comparator<Play> PRECEDENCE = Comparator.comparing(Play::level, Comparator.reverseOrder())
            .thenComparingLong(Play::campaignRank).thenComparingLong(Play::orderId);
    /** Waiting plays: the earlier air time first, then as plays due together (the server's plan replays the same order). */
    private static final Comparator<Play> AIR_ORDER = Comparator.comparing(Play::startAt).thenComparing(PRECEDENCE);

    /** What the stage needs of a play: a {@link Playback} on a device, a stand-in in a test of the rule. */
    interface Play {
        long orderId();

        Instant startAt();

        /** Later than this the play does not go out at all. */
        Instant latestStart();

        /** The campaign's id; none sorts last among equals. */
        long campaignRank();

        Level level();

        Duration length();

        /** Whether the play has had its whole declared length by {@code at}. */
        boolean hadItsLengthBy(Instant at);

        /** The play gets the stage; answers false if it was halted first. */
        boolean begin();

        /** Cut by a play of a higher level; {@code why} goes into its PREEMPTED report. */
        void preempt(String why);

        /** Ends now as PLAYED: it has had its length, and the next play is due. */
        void endAtLength();
    }

    /** Who had the stage last, until when: planned while on air, real once it has left. */
    private record Holder(long orderId, Instant until) {
    }

    private final Clock clock;
    private final List<Play> waiting = new ArrayList<>();
    /** Plays getting ready to air that have not reached the stage yet. */
    private final Set<Play> due = new HashSet<>();
    private Play onAir;
    private Holder holder;

    Stage(Clock clock) {
        this.clock = clock;
    }

    /**
     * Blocks until the play may go out (answers empty: it is on air now) or until it is too late (answers
     * why, for its FAILED report).
     */
    synchronized Optional<String> enter(Play play) throws InterruptedException {
        // Plays due at the same instant go out in a stated order, not in the order their threads woke up.
        Optional<Play> first;
        while ((first = dueBefore(play)).isPresent()) {
            Duration left = Duration.between(clock.instant(), play.latestStart());
            if (!left.isPositive()) {
                due.remove(play);
                return Optional.of("device busy: order " + first.get().orderId() + ", due at the same time, goes first");
            }
            wait(Math.max(1, left.toMillis()));
        }
        due.remove(play);
        notifyAll();
        if (onAir == null || play.level().outranks(onAir.level())) {
            if (!play.begin()) {
                throw new InterruptedException(); // Halted just now; its thread is being interrupted.
            }
            if (onAir != null) {
                LOG.info("order {} ({}) cuts order {} ({})", play.orderId(), play.level(), onAir.orderId(),
                        onAir.level());
                onAir.preempt("preempted by order " + play.orderId() + " (" + play.level() + ")");
            }
            grant(play);
            return Optional.empty();
        }
        if (onAir.hadItsLengthBy(play.startAt().plus(BACK_TO_BACK_SLACK))) {
            // Back to back on the dot: the one on air ends now, as PLAYED, instead of making this one late.
            onAir.endAtLength();
        }
        LOG.info("order {} waits: order {} is on air", play.orderId(), onAir.orderId());
        waiting.add(play);
        try {
            while (onAir != play) {
                Duration left = Duration.between(clock.instant(), play.latestStart());
                if (!left.isPositive()) {
                    return Optional.of(busy());
                }
                wait(Math.max(1, left.toMillis()));
            }
            return Optional.empty();
        } finally {
            waiting.remove(play);
        }
    }

    /** The play is getting ready: one due at the same instant with less precedence lets it go first. */
    synchronized void announce(Play play) {
        due.add(play);
    }

    /** The play is off air (or never got on): the stage goes at once to the first waiting play still in time. */
    synchronized void leave(Play play) {
        if (due.remove(play)) {
            notifyAll();
        }
        if (onAir != play) {
            return;
        }
        Instant now = clock.instant();
        onAir = null;
        holder = new Holder(play.orderId(), now);
        for (Play next : waiting.stream().sorted(AIR_ORDER).toList()) {
            if (!now.isAfter(next.latestStart()) && next.begin()) {
                grant(next);
                break;
            }
        }
        notifyAll();
    }

    synchronized Long playingOrderId() {
        return onAir == null ? null : onAir.orderId();
    }

    private Optional<Play> dueBefore(Play play) {
        return due.stream().filter(o -> o != play && o.startAt().equals(play.startAt()) && PRECEDENCE.compare(o, play) < 0)
                .min(PRECEDENCE);
    }

    private String busy() {
        OffsetDateTime until = OffsetDateTime.ofInstant(holder.until(), clock.getZone());
        return "device busy with order " + holder.orderId() + " until "
                + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(until.truncatedTo(ChronoUnit.SECONDS));
    }

    private void grant(Play play) {
        onAir = play;
        holder = new Holder(play.orderId(), clock.instant().plus(play.length()));
    }
}
