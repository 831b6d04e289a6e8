package communecast.agent.player;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import communecast.media.testing.OverlapCases;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The agent's {@link Stage} against the table of cases in docs/protocol.md, "Overlapping plays" (the server's replay
 * of the rule is held to the same rows). Each play is a stand-in on its own thread, as a playback is; the clock is
 * a test's, moved from one moment that matters to the next once every thread has done what it can at the last.
 */
class StageTableTest {
    private static final Duration TOLERANCE = Duration.ofSeconds(30);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);

    @TestFactory
    Stream<DynamicTest> everyCaseOfTheProtocolTable() throws IOException {
        return OverlapCases.read().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertEquals(c.expected(), new Run(c).described())));
    }

    /** A clock the run sets; threads waiting for a moment wait on it. */
    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            now = start;
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        synchronized void set(Instant at) {
            now = at;
            notifyAll();
        }

        /** Until the clock reads {@code at}, or {@code stop} says so. */
        synchronized void awaitUntil(Instant at, java.util.function.BooleanSupplier stop) throws InterruptedException {
            while (now.isBefore(at) && !stop.getAsBoolean()) {
                wait();
            }
        }

        synchronized void poke() {
            notifyAll();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** One row played out on one stage. */
    private static final class Run {
        private final OverlapCases.Case row;
        private final TestClock clock;
        private final Stage stage;
        private final List<StandIn> plays = new ArrayList<>();
        private volatile StandIn lastLeft;

        Run(OverlapCases.Case row) {
            this.row = row;
            this.clock = new TestClock(row.plays().stream().map(OverlapCases.Play::startAt).min(Instant::compareTo).orElseThrow().minusSeconds(1));
            this.stage = new Stage(clock);
            for (int i = 0; i < row.plays().size(); i++) {
                plays.add(new StandIn(row.plays().get(i), row.plays().get(i).order() * 1000 + i));
            }
        }

        Map<String, String> described() {
            plays.forEach(StandIn::start);
            while (true) {
                settle();
                if (plays.stream().noneMatch(p -> p.thread.isAlive())) {
                    break;
                }
                Instant next = plays.stream().map(StandIn::nextMoment).filter(t -> t != null && t.isAfter(clock.instant()))
                        .min(Instant::compareTo).orElse(null);
                if (next == null) {
                    fail("nothing left to happen, yet plays are still running: " + row.name());
                }
                clock.set(next);
                synchronized (stage) {
                    stage.notifyAll();
                }
            }
            Map<String, String> described = new LinkedHashMap<>();
            for (String name : row.expected().keySet()) {
                described.put(name, plays.stream().filter(p -> p.play.name().equals(name)).findFirst().orElseThrow().fate());
            }
            return described;
        }

        /** Every thread waiting (for the clock, or on the stage) or done, three looks in a row. */
        private void settle() {
            AtomicInteger quiet = new AtomicInteger();
            await("the stage settles: " + row.name()).atMost(SETTLE_LIMIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                    .until(() -> (plays.stream().allMatch(StandIn::idle) ? quiet.incrementAndGet() : quiet.getAndSet(0)) >= 3);
        }

        private String nameOf(long orderId) {
            return plays.stream().filter(p -> p.orderId == orderId).findFirst().map(p -> p.play.name()).orElse("order " + orderId);
        }

        /** A playback as the stage sees it: it arrives at its time, plays its length unless cut, and leaves. */
        private final class StandIn implements Stage.Play {
            private final OverlapCases.Play play;
            private final long orderId;
            private final Thread thread;
            private volatile boolean entered;
            private volatile Instant startedAt;
            private volatile boolean stopped;
            private volatile StandIn after;
            private volatile String cutBy;
            private volatile String failed;
            private final List<String> cuts = new CopyOnWriteArrayList<>();

            StandIn(OverlapCases.Play play, long orderId) {
                this.play = play;
                this.orderId = orderId;
                this.thread = new Thread(this::live, "play-" + play.name());
                thread.setDaemon(true);
            }

            void start() {
                thread.start();
            }

            boolean idle() {
                Thread.State state = thread.getState();
                return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED;
            }

            private void live() {
                stage.announce(this);
                try {
                    clock.awaitUntil(startAt(), () -> false);
                    entered = true;
                    Optional<String> busy = stage.enter(this);
                    if (busy.isPresent()) {
                        failed = busy.get();
                        return;
                    }
                    clock.awaitUntil(startedAt.plus(length()), () -> stopped);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (startedAt != null) {
                        lastLeft = this;
                    }
                    stage.leave(this);
                }
            }

            /** The next moment this play waits for: its time, its end, or its latest start while it waits. */
            Instant nextMoment() {
                if (!thread.isAlive()) {
                    return null;
                }
                if (!entered) {
                    return startAt();
                }
                if (startedAt == null) {
                    return failed == null ? latestStart() : null;
                }
                return stopped ? null : startedAt.plus(length());
            }

            String fate() {
                String fate;
                if (failed != null) {
                    String prefix = "device busy with order ";
                    fate = failed.startsWith(prefix) ? "dropped behind " + nameOf(Long.parseLong(failed.substring(prefix.length()).split(" ")[0])) : failed;
                } else if (startedAt == null) {
                    fate = "never started";
                } else if (startedAt.equals(startAt())) {
                    fate = cuts.isEmpty() ? "clear" : "cuts " + String.join(", ", cuts);
                } else {
                    fate = "waits for " + (after == null ? "?" : after.play.name()) + " from " + OverlapCases.time(startedAt);
                }
                return fate + (cutBy == null ? "" : ", cut by " + cutBy);
            }

            @Override
            public long orderId() {
                return orderId;
            }

            @Override
            public Instant startAt() {
                return play.startAt();
            }

            @Override
            public Instant latestStart() {
                Instant byTolerance = play.startAt().plus(TOLERANCE);
                return play.playUntil() != null && play.playUntil().isAfter(byTolerance) ? play.playUntil() : byTolerance;
            }

            @Override
            public long campaignRank() {
                return play.campaignId();
            }

            @Override
            public Level level() {
                return Level.of(play.level());
            }

            @Override
            public Duration length() {
                return Duration.ofMillis(play.lengthMs());
            }

            @Override
            public boolean hadItsLengthBy(Instant at) {
                Instant started = startedAt;
                return play.lengthMs() > 0 && started != null && !started.plus(length()).isAfter(at);
            }

            @Override
            public boolean begin() {
                startedAt = clock.instant();
                after = lastLeft;
                return true;
            }

            @Override
            public void preempt(String why) {
                // "preempted by order <id> (<LEVEL>)": the cutter, named as the table names it.
                long by = Long.parseLong(why.substring("preempted by order ".length()).split(" ")[0]);
                cutBy = nameOf(by);
                plays.stream().filter(p -> p.orderId == by).findFirst().ifPresent(p -> p.cuts.add(play.name()));
                endAtLength();
            }

            @Override
            public void endAtLength() {
                stopped = true;
                clock.poke();
            }
        }
    }
}
