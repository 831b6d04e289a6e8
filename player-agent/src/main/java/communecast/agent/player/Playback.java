package communecast.agent.player;

import communecast.agent.orders.Order;
import communecast.media.MediaDecoder;
import communecast.media.MediaDecoder.DecodedFrame;
import communecast.media.MediaKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The life of one order on its own thread: get the media, open the decoder and the output ahead of time,
 * send the first frame at {@code startAt} (or when the {@link Stage} lets it), pace the rest by their
 * timestamps, report.
 */
final class Playback implements Runnable, Stage.Play {

    /** Why a playback was halted from outside. */
    enum Stop { WITHDRAWN, PREEMPTED, SHUTDOWN, LENGTH_REACHED }

    private enum State { SCHEDULED, PREPARING, PLAYING, DONE }

    private final Order order;
    private final Player.Env env;
    private final Player player;
    private final Waits waits;

    private State state = State.SCHEDULED;
    private volatile Stop stopReason;
    private volatile String preemptedBy;
    private Thread runner;
    // Written only by the playback's own thread; the stage reads startedAt to end a play whose length is over.
    private volatile Instant startedAt;
    private boolean ended;

    Playback(Order order, Player.Env env, Player player) {
        this.order = order;
        this.env = env;
        this.player = player;
        this.waits = new Waits(env.clock());
    }

    @Override
    public long orderId() {
        return order.orderId();
    }

    @Override
    public Instant startAt() {
        return order.startAt().toInstant();
    }

    /** Later than this the play does not go out at all: the tolerance, or the order's own longer window. */
    @Override
    public Instant latestStart() {
        return order.latestStart(env.settings().missTolerance());
    }

    /** The campaign's id; none (an order from outside a campaign) sorts last among equals. */
    @Override
    public long campaignRank() {
        return order.campaignId() == null ? Long.MAX_VALUE : order.campaignId();
    }

    @Override
    public Level level() {
        return Level.of(order.level());
    }

    /**
     * Whether the play has had its whole declared length by {@code at}: what is left is the codec's padding
     * at the end of the file (tens of milliseconds), which must not hold back a play that follows on the dot.
     */
    @Override
    public boolean hadItsLengthBy(Instant at) {
        Instant started = startedAt;
        return order.durationMs() > 0 && started != null && !started.plus(length()).isAfter(at);
    }

    /** How long the play is meant to last, as the server knows the media. */
    @Override
    public Duration length() {
        return Duration.ofMillis(order.durationMs());
    }

    @Override
    public void run() {
        if (!enter()) {
            return;
        }
        env.stage().announce(this);
        try {
            play();
        } catch (InterruptedException e) {
            stopped();
        } finally {
            player.release(this, ended);
        }
    }

    private void play() throws InterruptedException {
        Instant startAt = startAt();
        if (env.clock().instant().isAfter(latestStart())) {
            end(() -> env.reporting().missed(orderId(), missReason(startAt)));
            return;
        }
        if (order.mediaKind() == MediaKind.STREAM) {
            relay();
            return;
        }
        try {
            // The play may still start up to the tolerance late: its file may arrive until then.
            Path file = env.media().await(order, latestStart());
            try (MediaDecoder decoder = MediaDecoder.open(file); Output output = env.outputs().open(order, decoder)) {
                air(decoder, output, startAt);
            }
        } catch (MediaNotReadyException e) {
            fail("media not ready: " + e.getMessage());
        } catch (OutputException e) {
            fail(e.getMessage());
        } catch (IOException | RuntimeException e) {
            fail("decode error: " + e.getMessage());
        }
    }

    /** The relay's stream tried ahead of its window ({@link Player.Settings#relayCheckAhead}): null while it answered. */
    private volatile String streamDownAtCheck;

    void checkStream() {
        streamDownAtCheck = Relay.check(order, env.settings().relayCheckAhead());
    }

    /** Tiếp sóng: the stream from startAt for the order's length, reconnecting after drops. */
    private void relay() throws InterruptedException {
        waits.until(startAt());
        Optional<String> busy = env.stage().enter(this);
        if (busy.isPresent()) {
            fail(busy.get());
            return;
        }
        startedAt = env.clock().instant();
        env.reporting().playing(orderId(), startedAt);
        Relay.Outcome outcome = new Relay(env, waits).run(order, startAt().plus(length()));
        String check = streamDownAtCheck == null ? "" : "; down when tried before air (" + streamDownAtCheck + ")";
        if (!outcome.aired()) {
            fail(outcome.failure() + check);
        } else {
            end(() -> env.reporting().relayed(orderId(), startedAt, env.clock().instant(), outcome.summary(length()) + check));
        }
    }

    private String missReason(Instant startAt) {
        return startAt.isBefore(env.runningSince()) ? "agent was not running at air time"
                : "order arrived after its air time";
    }

    private void air(MediaDecoder decoder, Output output, Instant startAt)
            throws IOException, OutputException, InterruptedException {
        DecodedFrame first = decoder.next().orElseThrow(() -> new IOException("the media has no frames"));
        waits.until(startAt);
        Optional<String> busy = env.stage().enter(this);
        if (busy.isPresent()) {
            fail(busy.get());
            return;
        }
        output.write(first);
        startedAt = env.clock().instant();
        env.reporting().playing(orderId(), startedAt);
        long endMicros = paceRest(decoder, output, first);
        output.finish();
        waits.until(startedAt.plus(endMicros - first.timestampMicros(), ChronoUnit.MICROS));
        end(() -> env.reporting().played(orderId(), startedAt, env.clock().instant()));
    }

    /** Hands each frame over at its time; answers where the media ends, in decoder micros. */
    private long paceRest(MediaDecoder decoder, Output output, DecodedFrame first)
            throws IOException, OutputException, InterruptedException {
        long end = first.endMicros();
        Optional<DecodedFrame> next;
        while ((next = decoder.next()).isPresent()) {
            DecodedFrame frame = next.get();
            Instant due = startedAt.plus(frame.timestampMicros() - first.timestampMicros(), ChronoUnit.MICROS);
            waits.untilHandOver(due, output.lead());
            output.write(frame);
            end = Math.max(end, frame.endMicros());
        }
        // A still image has no length of its own: it stays up for the order's duration.
        return order.mediaKind() == MediaKind.IMAGE
                ? first.timestampMicros() + length().toNanos() / 1000
                : end;
    }

    /** Halted from outside: a play already on air still gets its one final report. */
    private void stopped() {
        if (stopReason == Stop.LENGTH_REACHED && startedAt != null) {
            end(() -> env.reporting().played(orderId(), startedAt, env.clock().instant()));
        } else if (stopReason == Stop.PREEMPTED) {
            end(() -> env.reporting().preempted(orderId(), startedAt, env.clock().instant(), preemptedBy));
        } else if (startedAt != null) {
            fail(Reporting.STOPPED_DURING_PLAY);
        }
        // Otherwise not on air yet: withdrawn, or the agent stops and will take the order up again.
    }

    private void fail(String reason) {
        end(() -> env.reporting().failed(orderId(), startedAt, reason));
    }

    /** Every play gets exactly one final report, whatever fails after it. */
    private void end(Runnable finalReport) {
        if (!ended) {
            ended = true;
            finalReport.run();
        }
    }

    private synchronized boolean enter() {
        if (state != State.SCHEDULED) {
            return false;
        }
        state = State.PREPARING;
        runner = Thread.currentThread();
        return true;
    }

    /** The play gets the stage; answers false if it was halted first. */
    @Override
    public synchronized boolean begin() {
        if (state != State.PREPARING) {
            return false;
        }
        state = State.PLAYING;
        return true;
    }

    /** Drops the playback if it is not on air yet; answers whether it did. */
    synchronized boolean cancel() {
        if (state == State.PLAYING || state == State.DONE) {
            return false;
        }
        halt(Stop.WITHDRAWN);
        return true;
    }

    /** Cut by a play of a higher level; {@code why} goes into its PREEMPTED report. */
    @Override
    public synchronized void preempt(String why) {
        preemptedBy = why;
        stop(Stop.PREEMPTED);
    }

    @Override
    public void endAtLength() {
        stop(Stop.LENGTH_REACHED);
    }

    synchronized void stop(Stop reason) {
        if (state != State.DONE) {
            halt(reason);
        }
    }

    private void halt(Stop reason) {
        stopReason = reason;
        if (state != State.PLAYING) {
            state = State.DONE;
        }
        if (runner != null) {
            runner.interrupt();
        }
    }

    void join(Duration timeout) throws InterruptedException {
        Thread thread;
        synchronized (this) {
            thread = runner;
        }
        if (thread != null) {
            thread.join(timeout);
        }
    }
}
