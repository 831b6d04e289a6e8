package communecast.agent.player;

import communecast.agent.orders.Order;
import communecast.media.MediaKind;
import communecast.agent.outbox.PlayStatus;
import communecast.agent.outbox.Report;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's timeline. Each order gets a playback, started on its own thread a little before its air
 * time. One play is on air at a time; the {@link Stage} decides who goes out when plays overlap. The
 * {@link PlayHooks} are held from their lead before each play until the playback is released or withdrawn.
 */
public final class Player implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Player.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(3);
    /** Timers wake at least this often, so a corrected clock moves the plays still waiting. */
    private static final Duration MAX_TIMER_STEP = Duration.ofSeconds(10);

    /**
     * @param prepareLead   how long before air time the media is opened
     * @param missTolerance how late a play may still start; later it is reported MISSED, or FAILED if it
     *                      waited for another play to end
     */
    /** {@code relayCheckAhead}: how long before a relay's window its stream is tried, so staff hear of a dead one in time. */
    public record Settings(Duration prepareLead, Duration missTolerance, Duration relayCheckAhead) {
        public Settings(Duration prepareLead, Duration missTolerance) {
            this(prepareLead, missTolerance, Duration.ofMinutes(2));
        }

        public static Settings standard() {
            return new Settings(Duration.ofMillis(1500), Duration.ofSeconds(30));
        }
    }

    /** What every playback needs. */
    record Env(Clock clock, MediaSource media, OutputFactory outputs, Reporting reporting, Settings settings,
            Instant runningSince, Stage stage) {
    }

    /** A playback and the timers that will check its media, hold its hooks and start it; guarded by the player. */
    private static final class Held {
        private final Playback playback;
        private ScheduledFuture<?> checkTimer;
        private ScheduledFuture<?> hooksTimer;
        private ScheduledFuture<?> timer;

        Held(Playback playback) {
            this.playback = playback;
        }

        void cancelTimers() {
            cancel(checkTimer);
            cancel(hooksTimer);
            cancel(timer);
        }

        private static void cancel(ScheduledFuture<?> timer) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    private final SilenceMeter silence = new SilenceMeter();
    private final Env env;
    private final ScheduledExecutorService scheduler;
    private final LongConsumer onDone;
    private final PlayHooks hooks;
    private final Map<Long, Held> held = new HashMap<>();

    /** A player without play hooks. */
    public Player(Clock clock, MediaSource media, OutputFactory outputs, Reporting reporting,
            ScheduledExecutorService scheduler, Settings settings, LongConsumer onDone) {
        this(clock, media, outputs, reporting, scheduler, settings, onDone, new PlayHooks(PlayHooks.Settings.none()));
    }

    /** {@code onDone} hears of each order that got its final report; the player closes {@code hooks} last. */
    public Player(Clock clock, MediaSource media, OutputFactory outputs, Reporting reporting,
            ScheduledExecutorService scheduler, Settings settings, LongConsumer onDone, PlayHooks hooks) {
        this.env = new Env(clock, media, silence.watching(outputs), reporting, settings, clock.instant(), new Stage(clock));
        this.scheduler = scheduler;
        this.onDone = onDone;
        this.hooks = hooks;
    }

    /** Puts the order on the timeline; answers false if it already has its final report (never twice). */
    public boolean schedule(Order order) {
        synchronized (this) {
            if (held.containsKey(order.orderId())) {
                return true;
            }
            Optional<Report> last = env.reporting().last(order.orderId());
            if (last.isEmpty()) {
                hold(order);
                return true;
            }
            if (last.get().status() == PlayStatus.PLAYING) {
                // On air when the agent last stopped: the play was cut, and says so once.
                env.reporting().cutByStop(order.orderId(), last.get().startedAt().toInstant());
            }
        }
        LOG.info("order {} already done, not playing it again", order.orderId());
        return false;
    }

    private void hold(Order order) {
        Held h = new Held(new Playback(order, env, this));
        held.put(order.orderId(), h);
        Instant startAt = order.startAt().toInstant();
        if (order.mediaKind() == MediaKind.STREAM) {
            Instant checkAt = startAt.minus(env.settings().relayCheckAhead());
            // An order that came later than that is tried at air time only. A stream that stalls holds its check
            // for seconds: on its own thread, not the timers' few.
            if (env.clock().instant().isBefore(checkAt)) {
                at(h, checkAt, () -> Thread.ofVirtual().name("relay-check-" + order.orderId()).start(h.playback::checkStream),
                        t -> h.checkTimer = t);
            }
        } else {
            at(h, startAt.minus(MediaSource.CHECK_AHEAD), () -> env.media().checkAhead(order), t -> h.checkTimer = t);
        }
        if (!hooks.isEmpty()) {
            at(h, startAt.minus(hooks.lead()), () -> holdHooks(h), t -> h.hooksTimer = t);
        }
        at(h, startAt.minus(env.settings().prepareLead()), () -> start(h), t -> h.timer = t);
        LOG.info("order {} scheduled for {}", order.orderId(), order.startAt());
    }

    /** Runs {@code action} at {@code when} while the playback is held, by steps, each computed from the clock anew. */
    private synchronized void at(Held h, Instant when, Runnable action, Consumer<ScheduledFuture<?>> timer) {
        if (held.get(h.playback.orderId()) != h) {
            return; // Withdrawn or done meanwhile.
        }
        Duration left = Duration.between(env.clock().instant(), when);
        if (!left.isPositive()) {
            action.run();
            return;
        }
        long step = Math.max(1, Math.min(left.toMillis(), MAX_TIMER_STEP.toMillis()));
        timer.accept(scheduler.schedule(() -> at(h, when, action, timer), step, TimeUnit.MILLISECONDS));
    }

    private void start(Held h) {
        Thread.ofPlatform().name("play-" + h.playback.orderId()).start(h.playback);
    }

    /** A play already too late to start is reported MISSED at once: nothing to switch on for it. */
    private void holdHooks(Held h) {
        if (!env.clock().instant().isAfter(h.playback.latestStart())) {
            hooks.hold(h.playback.orderId());
        }
    }

    /** Takes the order off the timeline unless it is on air or done; answers whether it did. */
    public synchronized boolean withdraw(long orderId) {
        Held h = held.get(orderId);
        if (h == null || !h.playback.cancel()) {
            return false;
        }
        h.cancelTimers();
        held.remove(orderId);
        hooks.letGo(orderId);
        return true;
    }

    /** Cuts the order if it is on air now (the server withdrew it: an emergency stopped); reported PREEMPTED. */
    public synchronized boolean cut(long orderId, String why) {
        Held h = held.get(orderId);
        if (h == null || !Long.valueOf(orderId).equals(env.stage().playingOrderId())) {
            return false;
        }
        h.playback.preempt(why);
        return true;
    }

    /** How long what is on air has been silent without a break; zero when nothing is on air. */
    public Duration silenceOnAir() {
        return playingOrderId() == null ? Duration.ZERO : silence.silence();
    }

    /** The order on air now, or null. */
    public Long playingOrderId() {
        return env.stage().playingOrderId();
    }

    void release(Playback playback, boolean finalReported) {
        env.stage().leave(playback);
        synchronized (this) {
            Held h = held.get(playback.orderId());
            if (h != null && h.playback == playback) {
                held.remove(playback.orderId());
                hooks.letGo(playback.orderId());
            }
        }
        if (finalReported) {
            onDone.accept(playback.orderId());
        }
    }

    /**
     * Stops every playback; one on air gets its final report before this returns. Then the hooks let go,
     * so an amplifier switched on for a play is switched off.
     */
    @Override
    public void close() {
        List<Playback> all = new ArrayList<>();
        synchronized (this) {
            for (Held h : held.values()) {
                h.cancelTimers();
                all.add(h.playback);
            }
        }
        all.forEach(p -> p.stop(Playback.Stop.SHUTDOWN));
        try {
            for (Playback p : all) {
                p.join(SHUTDOWN_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        hooks.close();
    }
}
