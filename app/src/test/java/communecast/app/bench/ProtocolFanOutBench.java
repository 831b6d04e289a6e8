package communecast.app.bench;

import static communecast.app.bench.EmergencyFanOutBench.childrenCpuSeconds;
import static communecast.app.bench.EmergencyFanOutBench.cpuSeconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import communecast.app.bench.EmergencyFanOutBench.Http;
import communecast.app.bench.EmergencyFanOutBench.ProcStats;
import communecast.app.bench.EmergencyFanOutBench.Registered;
import communecast.app.bench.EmergencyFanOutBench.Stats;
import communecast.app.bench.ProtocolAgents.Device;
import communecast.app.bench.ProtocolAgents.Play;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Emergency fan-out measured with {@link ProtocolAgents}: N protocol-level agents in this one JVM on a few
 * threads, so the figures are the server's rather than the simulated agents' (issue 13 §1). Not a test: a plain
 * {@code main} (docs/PERFORMANCE.md, "Protocol-level load generator"), from the repository root after
 * {@code ./mvnw -B -o -q -DskipTests -pl media,app package}:
 * <pre>
 * java -Dbench.agents=200 -cp 'app/target/test-classes:app/target/lib/*' communecast.app.bench.ProtocolFanOutBench
 * </pre>
 *
 * <p>Without {@code bench.servers} it starts the built server jar itself (copied first to
 * {@code app/target/bench/protocol-fanout/jar/}) with {@code -Xmx512m} ({@code bench.serverXmx}; empty for the JVM's
 * own sizing) and a data directory that is kept between runs, so the devices registered and enrolled once, and their
 * tokens (kept in {@code app/target/bench/protocol-fanout/<server>-n<N>.tokens}), serve the next run of the same N.
 * With {@code bench.servers=URL,URL} it uses those servers (admin {@code bench.adminUser} / {@code bench.adminPassword})
 * and splits the N agents over them evenly; their CPU and RSS are not measured then.
 *
 * <p>Per round it posts an emergency (repeat 1) to the commune holding the N devices and prints, against the time
 * the POST was sent (this JVM's clock, as are the agents' stamps): when each order arrived at its agent, and when
 * the server acknowledged its PLAYING report (sent at the order's {@code startAt}); round 1 with the file not yet in
 * this JVM, round 2 with it cached. Also the server's CPU time (and its MariaDB's) and peak RSS over the round, and
 * this JVM's own CPU, to show how little of the machine the agents took.
 *
 * <p>Properties: {@code bench.agents} (10000), {@code bench.servers}, {@code bench.serverXmx} (512m),
 * {@code bench.serverJvmArgs}, {@code bench.rounds} (2), {@code bench.threads} (2: WebSocket callback threads and HTTP
 * clients), {@code bench.connectAtOnce} (64 links opening at a time), {@code bench.registerThreads} (4),
 * {@code bench.linkMinutes} (30: all N linked by then), {@code bench.settleSeconds} (180: every play final by then),
 * {@code bench.resendSeconds} (60: a report unacknowledged this long is sent again), {@code bench.restSeconds} (60 at rest),
 * {@code bench.storm} (true: restart the local server and time the relinking), {@code bench.campaign} (true: approve a
 * campaign of three plays on every device after the rounds, hold it through the storm, cancel it), {@code bench.crossNode} (false; with
 * several {@code bench.servers}, nodes of one cluster: all devices and emergencies through the first, links spread
 * over all).
 */
public final class ProtocolFanOutBench {
    /** The server's default zone, in which a campaign's ONCE times are written. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private final Path root;
    private final Path work;
    private final int n = Integer.getInteger("bench.agents", 10_000);
    private final int rounds = Integer.getInteger("bench.rounds", 2);
    private final int threads = Integer.getInteger("bench.threads", 2);
    private final int connectAtOnce = Integer.getInteger("bench.connectAtOnce", 64);
    private final int registerThreads = Integer.getInteger("bench.registerThreads", 4);
    private final Duration linkTimeout = Duration.ofMinutes(Integer.getInteger("bench.linkMinutes", 30));
    private final Duration settleTimeout = Duration.ofSeconds(Integer.getInteger("bench.settleSeconds", 180));
    private final Duration resendAfter = Duration.ofSeconds(Integer.getInteger("bench.resendSeconds", 60));
    private final Duration restTime = Duration.ofSeconds(Integer.getInteger("bench.restSeconds", 60));
    private final boolean storm = Boolean.parseBoolean(System.getProperty("bench.storm", "true"));
    private final boolean crossNode = Boolean.getBoolean("bench.crossNode");
    private final boolean campaign = Boolean.parseBoolean(System.getProperty("bench.campaign", "true"));
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private Process server;
    /** The local server's port, the same after a restart: the agents know only that address. */
    private int port;

    /** One server and the agents linked to it. */
    private record Target(String key, String base, Http api, long commune, long mediaId, ProtocolAgents agents) {
    }

    private ProtocolFanOutBench(Path root) {
        this.root = root;
        this.work = root.resolve("app/target/bench/protocol-fanout");
    }

    public static void main(String[] args) throws Exception {
        ProtocolFanOutBench bench = new ProtocolFanOutBench(EmergencyFanOutBench.repositoryRoot());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (bench.server != null) {
                bench.server.descendants().forEach(ProcessHandle::destroyForcibly);
                bench.server.destroyForcibly();
            }
        }, "bench-cleanup"));
        System.out.println("machine: " + EmergencyFanOutBench.machine());
        System.out.println("built from: " + EmergencyFanOutBench.revision(bench.root).lines().findFirst().orElse("?"));
        System.out.println("load average: " + EmergencyFanOutBench.loadAverage());
        int status = 0;
        try {
            bench.run();
        } catch (Exception e) {
            e.printStackTrace(System.out);
            status = 1;
        } finally {
            EmergencyFanOutBench.stop(bench.server);
        }
        System.exit(status); // not waiting for the HTTP clients' threads to wind down
    }

    private void run() throws Exception {
        Files.createDirectories(work.resolve("jvm-tmp"));
        List<String> servers = Arrays.stream(System.getProperty("bench.servers", "").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        if (servers.isEmpty()) {
            servers = List.of(startServer());
        }
        List<Target> targets = new ArrayList<>();
        if (crossNode && servers.size() > 1) {
            // One province on a cluster: every device registered and every emergency posted through the first
            // node, the links spread over all, so most orders cross NATS to the node holding the link.
            targets.add(prepare(servers.getFirst(), n, servers));
        } else {
            for (int i = 0; i < servers.size(); i++) {
                int share = n / servers.size() + (i < n % servers.size() ? 1 : 0);
                targets.add(prepare(servers.get(i), share, List.of(servers.get(i))));
            }
        }
        Instant t = Instant.now();
        targets.forEach(target -> target.agents().start());
        waitLinked(targets, t);

        System.out.printf(Locale.ROOT, "%n| %-20s | %-36s | %6s | %8s | %8s | %8s |%n", "round", "measure (ms after the POST was sent)", "count",
                "p50 ms", "p99 ms", "max ms");
        System.out.printf("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(22), "-".repeat(38), "-".repeat(7) + ":", "-".repeat(9) + ":",
                "-".repeat(9) + ":", "-".repeat(9) + ":");
        List<String> notes = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            notes.add(round(round, targets));
            Thread.sleep(5_000);
        }
        long[] campaigns = campaign ? approveCampaign(targets, notes) : null;
        if (server != null) {
            notes.add(atRest());
            if (storm) {
                notes.add(relinkStorm(targets, campaigns));
                notes.add(round(rounds + 1, targets) + " (after the restart)");
            }
        }
        if (campaigns != null) {
            notes.add(cancelCampaign(targets, campaigns));
        }
        notes.forEach(System.out::println);
        System.out.println("load average: " + EmergencyFanOutBench.loadAverage());
        for (Target target : targets) {
            ProtocolAgents a = target.agents();
            System.out.printf(Locale.ROOT, "agents of %s: %d linked of %d; %d media downloads; %d re-links, %d reports resent, %d refused, %d errors%n",
                    target.key(), a.linked(), a.size(), a.downloads.get(), a.reconnects.get(), a.resent.get(), a.rejected.get(), a.errors.get());
            a.close();
        }
    }

    // ---------------------------------------------------------------- setup

    /** The server jar, copied first so a rebuild meanwhile cannot change a class it loads late, on a free port. */
    private String startServer() throws Exception {
        Path jarDir = work.resolve("jar");
        if (Files.exists(jarDir)) {
            try (Stream<Path> old = Files.walk(jarDir)) {
                old.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        EmergencyFanOutBench.copyJar(root.resolve("app/target/communecast-app.jar"), jarDir);
        port = EmergencyFanOutBench.freePort();
        return launchServer();
    }

    private String launchServer() throws Exception {
        Path jar = work.resolve("jar/communecast-app.jar");
        List<String> jvmArgs = new ArrayList<>();
        String xmx = System.getProperty("bench.serverXmx", "512m");
        if (!xmx.isBlank()) {
            jvmArgs.add("-Xmx" + xmx);
        }
        jvmArgs.addAll(EmergencyFanOutBench.words(System.getProperty("bench.serverJvmArgs", "")));
        List<String> command = EmergencyFanOutBench.serverCommand(java, work.resolve("jvm-tmp"), jvmArgs, jar);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("server-" + Instant.now().toString().replace(':', '-') + ".log").toFile());
        // The data directory is kept between runs: the devices and tokens of an earlier run of the same N serve again.
        builder.environment().putAll(EmergencyFanOutBench.serverEnvironment(port, work.resolve("server-data"), root.resolve("app/target/bench")));
        server = builder.start();
        String base = "http://127.0.0.1:" + port;
        Http probe = new Http(base);
        Instant t = Instant.now();
        EmergencyFanOutBench.waitUntil("server health", Duration.ofMinutes(3), server, () -> probe.status("/health") == 200);
        System.out.printf(Locale.ROOT, "server up in %.1f s (pid %d): %s%n", EmergencyFanOutBench.seconds(t, Instant.now()), server.pid(),
                String.join(" ", command));
        return base;
    }

    /** Logs in, finds or makes the commune of N devices with their tokens, uploads the tone, builds the agents. */
    private Target prepare(String base, int share, List<String> linkTo) throws Exception {
        boolean local = server != null;
        String key = local ? "local" : base.replaceAll("[^A-Za-z0-9]+", "_");
        Http api = new Http(base);
        api.login(System.getProperty("bench.adminUser", "admin"), System.getProperty("bench.adminPassword", EmergencyFanOutBench.ADMIN_PASSWORD));
        Path tokens = work.resolve(key + "-n" + share + ".tokens");
        long commune;
        List<Device> devices = new ArrayList<>();
        if (Files.exists(tokens) && valid(base, tokens)) {
            List<String> lines = Files.readAllLines(tokens);
            commune = Long.parseLong(lines.getFirst().split(" ")[1]);
            lines.stream().skip(1).map(l -> l.split(" ")).forEach(f -> devices.add(new Device(Long.parseLong(f[0]), f[1])));
            System.out.printf(Locale.ROOT, "%s: %d devices and tokens from %s (commune %d)%n", base, devices.size(), tokens, commune);
        } else {
            Instant t = Instant.now();
            String stamp = String.valueOf(System.currentTimeMillis());
            long province = api.post("/api/areas", Map.of("name", "Tỉnh Thử Tải " + stamp, "code", "P" + stamp, "kind", "PROVINCE"))
                    .get("id").asLong();
            commune = api.post("/api/areas", Map.of("name", "Xã Thử Tải " + share, "code", "C" + stamp, "kind", "COMMUNE",
                    "parentId", province)).get("id").asLong();
            List<Registered> registered = EmergencyFanOutBench.register(api, commune, share, registerThreads);
            devices.addAll(enroll(base, registered));
            List<String> lines = new ArrayList<>(List.of("commune " + commune));
            devices.forEach(d -> lines.add(d.deviceId() + " " + d.token()));
            Files.write(tokens, lines);
            System.out.printf(Locale.ROOT, "%s: %d devices registered and enrolled in %.1f s; tokens kept in %s%n", base, share,
                    EmergencyFanOutBench.seconds(t, Instant.now()), tokens);
        }
        Path wav = EmergencyFanOutBench.tone(work.resolve("tone-3s.wav"));
        long mediaId = api.upload("Báo động thử tải " + Instant.now(), wav).get("id").asLong();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!api.get("/api/media/" + mediaId).get("status").asText().equals("READY")) {
            if (Instant.now().isAfter(deadline) || (server != null && !server.isAlive())) {
                throw new IllegalStateException("media " + mediaId + " not READY on " + base);
            }
            Thread.sleep(500);
        }
        return new Target(key, base, api, commune, mediaId,
                new ProtocolAgents(linkTo.stream().map(URI::create).toList(), devices, threads, connectAtOnce, resendAfter));
    }

    /** Tokens of an earlier run hold only if the server still knows them: its media endpoint answers 404, not 401. */
    private static boolean valid(String base, Path tokens) throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(tokens);
        if (lines.size() < 2) {
            return false;
        }
        String token = lines.get(1).split(" ")[1];
        try (HttpClient http = HttpClient.newHttpClient()) {
            int status = http.send(HttpRequest.newBuilder(URI.create(base + "/agent/media/0")).header("Authorization", "Device " + token)
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 401) {
                System.out.println(tokens + " holds tokens this server does not know: registering again");
            }
            return status != 401;
        }
    }

    /** Each device's one-time code for its token, a few at a time, with the enroll-request of docs/protocol.md. */
    private List<Device> enroll(String base, List<Registered> registered) throws Exception {
        Http anonymous = new Http(base);
        ExecutorService pool = Executors.newFixedThreadPool(registerThreads);
        try {
            List<Future<Device>> answers = new ArrayList<>();
            for (Registered r : registered) {
                answers.add(pool.submit(() -> new Device(r.id(), anonymous.post("/agent/enroll", ProtocolMessages.enrollRequest(r.code()))
                        .get("token").asText())));
            }
            List<Device> devices = new ArrayList<>();
            for (Future<Device> answer : answers) {
                devices.add(answer.get());
            }
            return devices;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Until every agent's hello has had its complete order list, or no progress for 2 minutes, or the link timeout. */
    private void waitLinked(List<Target> targets, Instant from) throws InterruptedException {
        int best = 0;
        Instant progress = Instant.now();
        Instant printed = Instant.now();
        while (true) {
            int linked = targets.stream().mapToInt(t -> t.agents().linked()).sum();
            Instant now = Instant.now();
            if (linked > best) {
                best = linked;
                progress = now;
            }
            if (linked >= n || Duration.between(progress, now).toMinutes() >= 2 || Duration.between(from, now).compareTo(linkTimeout) > 0) {
                System.out.printf(Locale.ROOT, "%d of %d agents linked after %.1f s (this JVM: %s)%n", linked, n,
                        EmergencyFanOutBench.seconds(from, now), ProcStats.of(ProcessHandle.current().pid()));
                break;
            }
            if (Duration.between(printed, now).toSeconds() >= 10) {
                printed = now;
                System.out.printf(Locale.ROOT, "  %.0f s: %d of %d linked%n", EmergencyFanOutBench.seconds(from, now), linked, n);
            }
            Thread.sleep(200);
        }
        Thread.sleep(5_000); // the first heartbeats and clock exchanges spread out before the first POST
    }

    // ---------------------------------------------------------------- at rest, and the storm after a restart

    /** N agents only beating their hearts (one every 30 s each): what the server spends on that. */
    private String atRest() throws Exception {
        double serverCpu = cpuSeconds(server.pid());
        double databaseCpu = childrenCpuSeconds(server);
        long peakRssKb = 0;
        Instant until = Instant.now().plus(restTime);
        while (Instant.now().isBefore(until)) {
            peakRssKb = Math.max(peakRssKb, ProcStats.of(server.pid()).rssKb());
            Thread.sleep(1_000);
        }
        double seconds = restTime.toMillis() / 1000.0;
        EmergencyFanOutBench.Heap heap = EmergencyFanOutBench.Heap.jcmd(server.pid(), false);
        EmergencyFanOutBench.Heap live = EmergencyFanOutBench.Heap.jcmd(server.pid(), true);
        return String.format(Locale.ROOT, "at rest for %.0f s (%d agents, %.0f heartbeats/s): server JVM %.1f%% of one core, its MariaDB %.1f%%; "
                        + "peak RSS %d MB; %s; after a full GC %s", seconds, n, n / 30.0,
                100 * (cpuSeconds(server.pid()) - serverCpu) / seconds, 100 * (childrenCpuSeconds(server) - databaseCpu) / seconds,
                peakRssKb / 1024, heap, live);
    }

    /**
     * The power comes back after a cut: the server restarts and all N agents link again at once. How long
     * until all are linked, and how /health and the login page answered meanwhile (probed every 250 ms).
     */
    private String relinkStorm(List<Target> targets, long[] campaigns) throws Exception {
        ProtocolAgents agents = targets.getFirst().agents();
        Map<Long, Set<Long>> held = campaigns == null ? Map.of() : held(agents, campaigns[0]);
        long relinksBefore = agents.reconnects.get();
        Instant stopped = Instant.now();
        EmergencyFanOutBench.stop(server);
        String base = launchServer();
        Instant up = Instant.now();
        AtomicBoolean probing = new AtomicBoolean(true);
        List<Long> health = Collections.synchronizedList(new ArrayList<>());
        List<Long> page = Collections.synchronizedList(new ArrayList<>());
        Thread prober = Thread.ofPlatform().daemon().start(() -> {
            Http probe = new Http(base);
            while (probing.get()) {
                health.add(timed(() -> probe.status("/health")));
                page.add(timed(() -> probe.status("/ui/login")));
                EmergencyFanOutBench.sleep(250);
            }
        });
        int linked;
        Instant deadline = up.plus(linkTimeout);
        while ((linked = agents.linked()) < agents.size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        Instant all = Instant.now();
        Thread.sleep(5_000);
        probing.set(false);
        prober.join();
        return String.format(Locale.ROOT, "restart storm: server back in %.1f s after the stop; %d of %d agents linked again %.1f s after it was up "
                        + "(%d re-links); /health %s, /ui/login %s while they linked%s", EmergencyFanOutBench.seconds(stopped, up), linked,
                agents.size(), EmergencyFanOutBench.seconds(up, all), agents.reconnects.get() - relinksBefore, Stats.of(health), Stats.of(page),
                campaigns == null ? "" : "; " + heldAcross(held, agents.completeLists()));
    }

    /** Per device, the campaign's orders it holds: received, not withdrawn, not over. */
    private static Map<Long, Set<Long>> held(ProtocolAgents agents, long campaignId) {
        Map<Long, Set<Long>> held = new HashMap<>();
        for (Play play : agents.plays()) {
            if (play.order.campaignId() == campaignId && play.withdrawnNanos < 0 && play.finalStatus == null) {
                held.computeIfAbsent(play.deviceId, d -> new HashSet<>()).add(play.order.orderId());
            }
        }
        return held;
    }

    /** What each device held before the restart against the complete list its first hello after it got. */
    private static String heldAcross(Map<Long, Set<Long>> before, Map<Long, List<Long>> lists) {
        long heldOrders = 0;
        long lost = 0;
        long doubled = 0;
        long added = 0;
        for (Map.Entry<Long, Set<Long>> device : before.entrySet()) {
            List<Long> list = lists.getOrDefault(device.getKey(), List.of());
            Set<Long> listed = new HashSet<>(list);
            heldOrders += device.getValue().size();
            lost += device.getValue().stream().filter(id -> !listed.contains(id)).count();
            doubled += list.size() - listed.size();
            added += listed.stream().filter(id -> !device.getValue().contains(id)).count();
        }
        return String.format(Locale.ROOT, "the campaign's %d orders held on %d devices before it: %d missing from the complete lists after it, "
                + "%d listed twice, %d other orders listed", heldOrders, before.size(), lost, doubled, added);
    }

    private static long timed(IntSupplier call) {
        long t = System.nanoTime();
        call.getAsInt();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
    }

    // ---------------------------------------------------------------- a province-wide campaign

    /**
     * On each target, a campaign of three plays 20, 25 and 30 minutes ahead on every device of its commune, created
     * and approved. The plays are inside the dispatch horizon, so the approval writes the 3 N logs and pushes them
     * before it answers; printed: the answer times, when each order arrived, and the logs counted afterwards.
     */
    private long[] approveCampaign(List<Target> targets, List<String> notes) throws Exception {
        long[] ids = new long[targets.size()];
        long[] posted = new long[targets.size()];
        long[] createdMs = new long[targets.size()];
        long[] answeredMs = new long[targets.size()];
        int expected = 0;
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            // No quiet hours in the bench's commune: the plays are made whatever the hour of the run.
            target.api().put("/api/areas/" + target.commune() + "/quiet-hours", Map.of("from", "00:00", "to", "00:00"));
            LocalDateTime now = LocalDateTime.now(ZONE).truncatedTo(ChronoUnit.SECONDS);
            ObjectNode body = ProtocolMessages.JSON.createObjectNode().put("title", "Thử tải chiến dịch toàn tỉnh " + now)
                    .put("level", "NORMAL").put("startDate", now.toLocalDate().toString())
                    .put("endDate", now.plusMinutes(30).toLocalDate().toString());
            body.putObject("targets").putArray("areaIds").add(target.commune());
            ArrayNode items = body.putArray("items");
            for (int minutes = 20; minutes <= 30; minutes += 5) {
                items.addObject().put("mediaId", target.mediaId()).putObject("rule").put("type", "ONCE")
                        .put("at", now.plusMinutes(minutes).toString());
            }
            long t = System.nanoTime();
            ids[i] = target.api().post("/api/campaigns", body).get("id").asLong();
            createdMs[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
            expected += 3 * target.agents().linked();
            posted[i] = System.nanoTime();
            target.api().post("/api/campaigns/" + ids[i] + "/approve", Map.of());
            answeredMs[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - posted[i]);
        }
        List<Long> received = arrivals(targets, ids, posted, play -> play.arrivedNanos, expected);
        System.out.print(row("campaign approved", "order received (agent's stamp)", Stats.of(received)));
        long logs = 0;
        for (int i = 0; i < targets.size(); i++) {
            logs += countLogs(targets.get(i).api(), ids[i]);
        }
        notes.add(String.format(Locale.ROOT, "campaign approved: created after %s ms, approval answered after %s ms; %d of %d orders "
                        + "received; %d logs in the database for it", Arrays.toString(createdMs), Arrays.toString(answeredMs),
                received.size(), expected, logs));
        return ids;
    }

    /** The campaign cancelled: when each device's withdrawal of its three orders arrived. */
    private String cancelCampaign(List<Target> targets, long[] ids) throws Exception {
        long[] posted = new long[targets.size()];
        long[] answeredMs = new long[targets.size()];
        int expected = 0;
        for (int i = 0; i < targets.size(); i++) {
            expected += held(targets.get(i).agents(), ids[i]).values().stream().mapToInt(Set::size).sum();
            posted[i] = System.nanoTime();
            targets.get(i).api().post("/api/campaigns/" + ids[i] + "/cancel", Map.of());
            answeredMs[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - posted[i]);
        }
        List<Long> withdrawn = arrivals(targets, ids, posted, play -> play.withdrawnNanos, expected);
        System.out.print(row("campaign cancelled", "withdraw received (agent's stamp)", Stats.of(withdrawn)));
        return String.format(Locale.ROOT, "campaign cancelled: answered after %s ms; %d of %d held orders withdrawn",
                Arrays.toString(answeredMs), withdrawn.size(), expected);
    }

    /** Until {@code expected} plays of the campaigns have the stamp, or the settle timeout: ms from each one's POST. */
    private List<Long> arrivals(List<Target> targets, long[] campaigns, long[] posted, ToLongFunction<Play> stamp, int expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + settleTimeout.toNanos();
        while (true) {
            List<Long> ms = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                for (Play play : targets.get(i).agents().plays()) {
                    long at = stamp.applyAsLong(play);
                    if (play.order.campaignId() == campaigns[i] && at > 0) {
                        ms.add(TimeUnit.NANOSECONDS.toMillis(at - posted[i]));
                    }
                }
            }
            if (ms.size() >= expected || System.nanoTime() > deadline) {
                return ms;
            }
            Thread.sleep(100);
        }
    }

    private static long countLogs(Http api, long campaignId) {
        long count = 0;
        for (int offset = 0; ; offset += 10_000) {
            int page = api.get("/api/broadcast-logs?campaignId=" + campaignId + "&limit=10000&offset=" + offset).size();
            count += page;
            if (page < 10_000) {
                return count;
            }
        }
    }

    // ---------------------------------------------------------------- one round

    private String round(int number, List<Target> targets) throws Exception {
        long self = ProcessHandle.current().pid();
        double serverCpu = server == null ? Double.NaN : cpuSeconds(server.pid());
        double databaseCpu = server == null ? Double.NaN : childrenCpuSeconds(server);
        double selfCpu = cpuSeconds(self);
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicLong peakRssKb = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (sampling.get() && server != null) {
                peakRssKb.accumulateAndGet(ProcStats.of(server.pid()).rssKb(), Math::max);
                EmergencyFanOutBench.sleep(500);
            }
        });
        // Every server's POST at once, each timed by this JVM's clock just before it is sent.
        long[] posted = new long[targets.size()];
        long[] campaigns = new long[targets.size()];
        long[] emergencies = new long[targets.size()];
        long[] answeredMs = new long[targets.size()];
        int expected = targets.stream().mapToInt(t -> t.agents().linked()).sum();
        List<Thread> posts = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            int index = i;
            Target target = targets.get(i);
            posts.add(Thread.ofPlatform().start(() -> {
                ObjectNode body = ProtocolMessages.JSON.createObjectNode().put("mediaId", target.mediaId()).put("repeat", 1)
                        .put("validMinutes", 15).put("title", "Thử tải giao thức, lượt " + number);
                body.putArray("areaIds").add(target.commune());
                posted[index] = System.nanoTime();
                JsonNode answer = target.api().post("/api/emergency", body);
                answeredMs[index] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - posted[index]);
                campaigns[index] = answer.get("campaignId").asLong();
                emergencies[index] = answer.get("id").asLong();
            }));
        }
        for (Thread post : posts) {
            post.join();
        }
        long deadline = System.nanoTime() + settleTimeout.toNanos();
        List<Long> received = new ArrayList<>();
        List<Long> playingAcked = new ArrayList<>();
        List<Long> finalAcked = new ArrayList<>();
        List<Long> planned = new ArrayList<>();
        while (true) {
            received.clear();
            playingAcked.clear();
            finalAcked.clear();
            planned.clear();
            Map<String, Long> statuses = new java.util.TreeMap<>();
            for (int i = 0; i < targets.size(); i++) {
                for (Play play : targets.get(i).agents().plays()) {
                    if (play.order.campaignId() != campaigns[i]) {
                        continue;
                    }
                    received.add(TimeUnit.NANOSECONDS.toMillis(play.arrivedNanos - posted[i]));
                    if (play.playingAckedNanos > 0) {
                        playingAcked.add(TimeUnit.NANOSECONDS.toMillis(play.playingAckedNanos - posted[i]));
                    }
                    if (play.finalAckedNanos > 0) {
                        finalAcked.add(TimeUnit.NANOSECONDS.toMillis(play.finalAckedNanos - posted[i]));
                        statuses.merge(play.finalStatus, 1L, Long::sum);
                    }
                    // The order's startAt is the server's clock, the POST time this JVM's: the same clock only on one machine.
                    planned.add(Duration.between(Instant.now().minusNanos(System.nanoTime() - posted[i]), play.order.startAt()).toMillis());
                }
            }
            if (finalAcked.size() >= expected || System.nanoTime() > deadline) {
                sampling.set(false);
                sampler.join();
                double serverCpuNow = server == null ? Double.NaN : cpuSeconds(server.pid());
                double databaseCpuNow = server == null ? Double.NaN : childrenCpuSeconds(server);
                String label = number + (number == 1 ? " (media not cached)" : " (media cached)");
                System.out.print(row(label, "order received (agent's stamp)", Stats.of(received)));
                System.out.print(row("", "PLAYING acknowledged", Stats.of(playingAcked)));
                System.out.print(row("", "final report acknowledged", Stats.of(finalAcked)));
                System.out.print(row("", "(planned startAt)", Stats.of(planned)));
                for (int i = 0; i < targets.size(); i++) {
                    try {
                        // Stopped, so its plays are not in the order lists of the next run's hellos.
                        targets.get(i).api().post("/api/emergency/" + emergencies[i] + "/stop", Map.of());
                    } catch (RuntimeException e) {
                        System.out.println("could not stop emergency " + emergencies[i] + ": " + e.getMessage());
                    }
                }
                return String.format(Locale.ROOT, "round %d: POST answered after %s ms; %d of %d linked agents got the order, final reports %s after %.1f s; "
                                + "CPU over the round: server JVM %.1f s, its MariaDB %.1f s, this JVM (all %d agents) %.1f s; server peak RSS %d MB",
                        number, Arrays.toString(answeredMs), received.size(), expected, statuses,
                        (System.nanoTime() - posted[0]) / 1e9, serverCpuNow - serverCpu, databaseCpuNow - databaseCpu, n,
                        cpuSeconds(self) - selfCpu, peakRssKb.get() / 1024);
            }
            Thread.sleep(100);
        }
    }

    private static String row(String round, String measure, Stats s) {
        return String.format(Locale.ROOT, "| %-20s | %-36s | %6d | %8s | %8s | %8s |%n", round, measure, s.count(),
                s.count() == 0 ? "–" : String.valueOf(s.p50()), s.count() == 0 ? "–" : String.valueOf(s.p99()),
                s.count() == 0 ? "–" : String.valueOf(s.max()));
    }
}
