package communecast.agent.bench;

import communecast.agent.TestOrders;
import communecast.agent.db.AgentDatabase;
import communecast.agent.orders.Order;
import communecast.agent.outbox.Outbox;
import communecast.agent.player.NullOutput;
import communecast.agent.player.Output;
import communecast.agent.player.OutputException;
import communecast.agent.player.OutputFactory;
import communecast.agent.player.PlayJournal;
import communecast.agent.player.Player;
import communecast.agent.player.Reporting;
import communecast.media.MediaDecoder.DecodedFrame;
import communecast.media.MediaKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One scenario of {@link StartAccuracyBench}, alone in a fresh JVM so that its memory is its own: the real
 * {@link Player} with the {@link NullOutput} (it decodes and paces every frame in real time, and throws the
 * frames away), on the system clock, the agent's standard settings ({@link Player.Settings#standard()}: media
 * opened 1.5 s ahead), a two-thread timer pool as the agent has, and the agent's own reporting (journal and
 * outbox in its SQLite {@code agent.db}, made anew in {@code <work dir>}). Started as
 * {@code java --enable-native-access=ALL-UNNAMED -XX:+ExitOnOutOfMemoryError -cp <test classpath>
 * communecast.agent.bench.PlayRun <scenario> AUDIO|VIDEO <media> <media ms> <orders> <every ms> <work dir> <results>}.
 *
 * <p>{@code <orders>} orders of the one media file are scheduled at once, the first 3 s after the player is
 * built, then one every {@code <every ms>}. The output factory is wrapped to note {@code clock.instant()} when the
 * first frame of each order is handed to the output; how late that is against the order's {@code startAt} is
 * the start error. A daemon thread reads {@code VmRSS} from {@code /proc/self/status} every 100 ms for the whole
 * run. The results file gets one line per fact: {@code start <orderId> <late µs>|none}, {@code status <STATUS> <n>},
 * {@code rss <ms from first start> <kB>} (every sample), {@code window <first start> <last end>} (ms from the
 * first start), {@code idle_kb}, {@code hwm_kb}, {@code cpu_ms} and {@code wall_ms} (the JVM's CPU and wall time).
 */
public final class PlayRun {

    /** Time from the player's creation to the first air time; the first play also loads FFmpeg's libraries. */
    static final Duration FIRST_AFTER = Duration.ofSeconds(3);
    static final Duration SAMPLE_EVERY = Duration.ofMillis(100);

    private PlayRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println(
                    "usage: PlayRun <scenario> AUDIO|VIDEO <media> <media ms> <orders> <every ms> <work dir> <results>");
            System.exit(2);
        }
        String scenario = args[0];
        MediaKind kind = MediaKind.valueOf(args[1]);
        Path media = Path.of(args[2]);
        long mediaMs = Long.parseLong(args[3]);
        int orders = Integer.parseInt(args[4]);
        long everyMs = Long.parseLong(args[5]);
        Path work = Path.of(args[6]);
        Path results = Path.of(args[7]);

        RssSampler rss = new RssSampler();
        rss.start();

        Clock clock = Clock.systemDefaultZone();
        AgentDatabase database = AgentDatabase.open(work);
        Outbox outbox = new Outbox(database);
        Map<String, Integer> statuses = new TreeMap<>();
        outbox.onAdded(report -> {
            synchronized (statuses) {
                statuses.merge(report.status().name(), 1, Integer::sum);
            }
        });
        Reporting reporting = new Reporting(database, new PlayJournal(database, clock), outbox, clock);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "agent-timer");
            thread.setDaemon(true);
            return thread;
        });
        Map<Long, Instant> firstWrites = new ConcurrentHashMap<>();
        OutputFactory nullOutputs = NullOutput.factory();
        OutputFactory outputs = (order, decoder) ->
                new FirstWriteNoted(nullOutputs.open(order, decoder), order.orderId(), clock, firstWrites);
        CountDownLatch done = new CountDownLatch(orders);
        Player player = new Player(clock, (order, deadline) -> media, outputs, reporting, scheduler,
                Player.Settings.standard(), orderId -> done.countDown());

        long idleKb = RssSampler.read("VmRSS");
        Instant first = clock.instant().plus(FIRST_AFTER);
        List<Order> scheduled = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            Instant startAt = first.plusMillis(i * everyMs);
            Order order = new Order(i + 1, 5L, 7, TestOrders.SOME_SHA, "/agent/media/7", kind, mediaMs,
                    OffsetDateTime.ofInstant(startAt, clock.getZone()), "NORMAL");
            scheduled.add(order);
            player.schedule(order);
        }
        Instant lastEnd = first.plusMillis((orders - 1) * everyMs + mediaMs);
        long waitMs = Duration.between(clock.instant(), lastEnd).toMillis() + 60_000;
        boolean allDone = done.await(waitMs, TimeUnit.MILLISECONDS);
        player.close();
        scheduler.shutdownNow();
        database.close();
        rss.stop();

        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(results, StandardCharsets.UTF_8))) {
            out.println("scenario " + scenario);
            for (Order order : scheduled) {
                Instant written = firstWrites.get(order.orderId());
                out.println("start " + order.orderId() + " " + (written == null ? "none"
                        : Long.toString(ChronoUnit.MICROS.between(order.startAt().toInstant(), written))));
            }
            synchronized (statuses) {
                statuses.forEach((status, n) -> out.println("status " + status + " " + n));
            }
            if (!allDone) {
                out.println("status NOT_DONE_IN_TIME " + done.getCount());
            }
            out.println("window 0 " + Duration.between(first, lastEnd).toMillis());
            for (RssSampler.Sample sample : rss.samples()) {
                out.println("rss " + Duration.between(first, sample.at()).toMillis() + " " + sample.kb());
            }
            out.println("idle_kb " + idleKb);
            out.println("hwm_kb " + RssSampler.read("VmHWM"));
            ProcessHandle.Info self = ProcessHandle.current().info();
            out.println("cpu_ms " + self.totalCpuDuration().map(Duration::toMillis).orElse(-1L));
            out.println("wall_ms " + self.startInstant().map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L));
        }
        System.exit(0); // FFmpeg and logback threads need not hold the JVM.
    }

    /** The null output, noting when the first frame of its order is handed over. */
    private static final class FirstWriteNoted implements Output {
        private final Output inner;
        private final long orderId;
        private final Clock clock;
        private final Map<Long, Instant> firstWrites;
        private boolean written;

        FirstWriteNoted(Output inner, long orderId, Clock clock, Map<Long, Instant> firstWrites) {
            this.inner = inner;
            this.orderId = orderId;
            this.clock = clock;
            this.firstWrites = firstWrites;
        }

        @Override
        public Duration lead() {
            return inner.lead();
        }

        @Override
        public void write(DecodedFrame frame) throws OutputException {
            if (!written) {
                written = true;
                firstWrites.putIfAbsent(orderId, clock.instant());
            }
            inner.write(frame);
        }

        @Override
        public void finish() {
            inner.finish();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** VmRSS of this process every {@link #SAMPLE_EVERY}, on its own daemon thread. */
    static final class RssSampler {
        record Sample(Instant at, long kb) {
        }

        private final List<Sample> samples = new ArrayList<>();
        private final Thread thread = new Thread(this::loop, "rss-sampler");
        private volatile boolean running = true;

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }

        synchronized List<Sample> samples() {
            return List.copyOf(samples);
        }

        private void loop() {
            long next = System.nanoTime();
            while (running) {
                Sample sample = new Sample(Instant.now(), read("VmRSS"));
                synchronized (this) {
                    samples.add(sample);
                }
                next += SAMPLE_EVERY.toNanos();
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        Thread.sleep(Duration.ofNanos(sleep));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        /** A "kB" line of /proc/self/status, e.g. VmRSS or VmHWM. */
        static long read(String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith(field + ":")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read /proc/self/status", e);
            }
            throw new IllegalStateException("no " + field + " in /proc/self/status");
        }
    }
}
