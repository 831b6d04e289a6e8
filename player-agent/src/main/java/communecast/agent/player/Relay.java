package communecast.agent.player;

import communecast.agent.orders.Order;
import communecast.media.MediaDecoder;
import communecast.media.MediaDecoder.DecodedFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Relays a live stream (tiếp sóng) until {@code endAt}: each time the stream drops or stalls, it waits a
 * little and opens it again, and keeps count of what went out and of the gaps, for the broadcast log.
 */
final class Relay {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    /** A read silent this long is a drop: better reconnect than relay dead air. */
    private static final Duration STALL = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(2);

    /**
     * {@code fallback}: how long the fallback recording aired, because the stream was down at the start
     * ({@code downAtStart} says why); zero, and null, when it was not needed or could not air
     * ({@code fallbackFailure} then says why).
     */
    record Outcome(Duration relayed, List<Duration> gaps, String lastError, Duration fallback, String downAtStart,
                   String fallbackFailure) {
        String summary(Duration window) {
            String relayedText = "relayed " + seconds(relayed) + " of " + seconds(window);
            String text = gaps.isEmpty() ? relayedText : relayedText + "; " + gaps.size() + " gap(s): "
                    + String.join(", ", gaps.stream().map(Relay::seconds).toList());
            return fallback.isZero() ? text
                    : "stream down at the start (" + downAtStart + "): aired the fallback recording for " + seconds(fallback) + "; " + text;
        }

        /** Something went out: the stream, or its fallback. */
        boolean aired() {
            return !relayed.isZero() || !fallback.isZero();
        }

        /** Why nothing went out. */
        String failure() {
            return "stream unreachable: " + lastError + (fallbackFailure == null ? "" : "; fallback recording not aired (" + fallbackFailure + ")");
        }
    }

    private final Player.Env env;
    private final Waits waits;
    /** When the latest {@link #relay} handed its first frame over: what a fallback put on air is counted from. */
    private Instant firstHandedOver;

    Relay(Player.Env env, Waits waits) {
        this.env = env;
        this.waits = waits;
    }

    /**
     * Tries the stream {@code ahead} of its window: opens it and reads a first frame. A dead one is a warning now
     * (the device's heartbeat carries it to the office), while there is still time to fix it; the relay tries
     * again at air time anyway. Null when the stream answered, else why not.
     */
    static String check(Order order, Duration ahead) {
        String why;
        try (MediaDecoder decoder = MediaDecoder.openStream(order.mediaUrl(), STALL)) {
            if (decoder.next().isPresent()) {
                LOG.info("order {}: stream {} answers, {} before its relay", order.orderId(), order.mediaUrl(), seconds(ahead));
                return null;
            }
            why = "the stream sent nothing";
        } catch (IOException | RuntimeException e) {
            why = e.getMessage();
        }
        LOG.warn("order {}: stream {} is down {} before its relay ({}); trying again at air time", order.orderId(),
                order.mediaUrl(), seconds(ahead), why);
        return why;
    }

    /**
     * A gap runs from a drop until sound flows again, however many tries that takes. A stream down at the start
     * gives way to the order's fallback recording, if it has one on disk, once; then the stream is tried again.
     */
    Outcome run(Order order, Instant endAt) throws InterruptedException {
        Duration relayed = Duration.ZERO;
        Duration fallback = Duration.ZERO;
        String downAtStart = null;
        String fallbackFailure = null;
        List<Duration> gaps = new ArrayList<>();
        String lastError = "never reached";
        Instant gapSince = env.clock().instant();
        boolean first = true;
        while (env.clock().instant().isBefore(endAt)) {
            Instant openedAt = null;
            try (MediaDecoder decoder = MediaDecoder.openStream(order.mediaUrl(), STALL);
                 Output output = env.outputs().open(order, decoder)) {
                openedAt = env.clock().instant();
                noteGap(gaps, gapSince, openedAt);
                relay(decoder, output, endAt);
                lastError = "the stream ended";
            } catch (IOException | OutputException | RuntimeException e) {
                lastError = e.getMessage();
            }
            if (openedAt != null) {
                // What went out before a drop counts, whether the stream ended or broke off.
                Instant droppedAt = min(env.clock().instant(), endAt);
                relayed = relayed.plus(Duration.between(openedAt, droppedAt));
                gapSince = droppedAt;
            } else if (first && order.fallback() != null) {
                FallbackAired aired = airFallback(order, endAt);
                if (aired.length().isZero()) {
                    fallbackFailure = aired.failure();
                } else {
                    // The stream's gap so far ends where the recording began; the recording is no gap.
                    noteGap(gaps, gapSince, aired.from());
                    downAtStart = lastError;
                    fallback = aired.length();
                    gapSince = min(env.clock().instant(), endAt);
                }
            }
            first = false;
            if (env.clock().instant().isBefore(endAt)) {
                LOG.warn("order {}: stream {} dropped ({}); reconnecting", order.orderId(), order.mediaUrl(), lastError);
                waits.until(min(env.clock().instant().plus(RETRY), endAt));
            }
        }
        noteGap(gaps, gapSince, min(env.clock().instant(), endAt));
        return new Outcome(relayed, gaps, lastError, fallback, downAtStart, fallbackFailure);
    }

    /** What the fallback put on air, from its first frame: zero if none went out, and then why. */
    private record FallbackAired(Instant from, Duration length, String failure) {
        static FallbackAired none(String why) {
            return new FallbackAired(null, Duration.ZERO, why);
        }
    }

    /** The fallback recording, as cached ahead (it is not waited for: the window is already running). */
    private FallbackAired airFallback(Order order, Instant endAt) throws InterruptedException {
        firstHandedOver = null;
        String failure = null;
        try {
            Path file = env.media().await(order.fallbackPlay(), env.clock().instant());
            LOG.warn("order {}: stream {} is down at the start; airing the fallback recording (medium {})", order.orderId(),
                    order.mediaUrl(), order.fallback().mediaId());
            try (MediaDecoder decoder = MediaDecoder.open(file); Output output = env.outputs().open(order, decoder)) {
                relay(decoder, output, endAt);
            }
        } catch (MediaNotReadyException | IOException | OutputException | RuntimeException e) {
            failure = e.getMessage();
            LOG.warn("order {}: the fallback recording cannot air either: {}", order.orderId(), failure);
        }
        Instant from = firstHandedOver;
        return from == null ? FallbackAired.none(failure == null ? "it sent nothing" : failure)
                : new FallbackAired(from, Duration.between(from, min(env.clock().instant(), endAt)), failure);
    }

    /** Hands each frame over at its time after the first, until the stream or the window ends. */
    private void relay(MediaDecoder decoder, Output output, Instant endAt) throws IOException, OutputException, InterruptedException {
        Optional<DecodedFrame> first = decoder.next();
        if (first.isEmpty()) {
            throw new IOException("the stream sent nothing");
        }
        Instant origin = env.clock().instant();
        Optional<DecodedFrame> next = first;
        while (next.isPresent()) {
            DecodedFrame frame = next.get();
            Instant due = origin.plus(frame.timestampMicros() - first.get().timestampMicros(), ChronoUnit.MICROS);
            if (!due.isBefore(endAt)) {
                // What was handed over plays until the window closes; returning earlier would look like a drop.
                waits.until(endAt);
                return;
            }
            waits.untilHandOver(due, output.lead());
            output.write(frame);
            if (firstHandedOver == null) {
                firstHandedOver = origin;
            }
            next = decoder.next();
        }
        output.finish();
    }

    private static void noteGap(List<Duration> gaps, Instant from, Instant to) {
        Duration gap = Duration.between(from, to);
        if (gap.compareTo(Duration.ofMillis(500)) > 0) {
            gaps.add(gap);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static String seconds(Duration d) {
        long seconds = Math.round(d.toMillis() / 1000.0);
        return seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }
}
