package communecast.agent.bench;

import communecast.media.MediaInfo;
import communecast.media.MediaKind;
import communecast.media.MediaProbe;
import communecast.media.testing.BenchSupport;
import communecast.media.testing.TestMedia;
import communecast.media.testing.VideoFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * How close to its air time the player agent starts a play, and how much memory it holds while playing. Not a
 * test: run it by hand (see docs/PERFORMANCE.md),
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q -pl player-agent test-compile exec:java
 * </pre>
 * (the player-agent pom names this class and the test classpath for {@code exec:java}).
 *
 * <p>Four scenarios, each in a fresh JVM ({@link PlayRun}) with the agent's default heap sizing (the JVM's own,
 * as the agent's service file starts it), playing through the real {@code Player} and the {@code NullOutput}:
 * <ul>
 *   <li>start accuracy, audio: {@value #AUDIO_ORDERS} orders of a 250 ms MP3 tone, one every 500 ms;</li>
 *   <li>start accuracy, video: {@value #VIDEO_ORDERS} orders of a 3 s 1920×1080 25 fps H.264/AAC MP4, one every
 *       4 s (the next play's media is opened while the one before is still decoding);</li>
 *   <li>memory, audio: a 5 s MP3 tone back to back for {@value #MEMORY_SECONDS} s;</li>
 *   <li>memory, video: the 3 s 1080p clip back to back for {@value #MEMORY_SECONDS} s.</li>
 * </ul>
 * The start error is the instant the first frame of an order is handed to the output minus the order's
 * {@code startAt}; the tables give its 50th, 90th and 99th percentiles (nearest rank) and maximum. Memory is the
 * process's {@code VmRSS}, sampled every 100 ms, mean and peak over the playing window. The inputs are generated
 * once into {@code target/bench/} (not timed; kept for the next run).
 *
 * <p>System properties: {@code bench.scenarios} (default all four:
 * "accuracy-audio,accuracy-video,memory-audio,memory-video"), {@code bench.audioOrders} ({@value #AUDIO_ORDERS}),
 * {@code bench.videoOrders} ({@value #VIDEO_ORDERS}), {@code bench.memorySeconds} ({@value #MEMORY_SECONDS}),
 * {@code bench.jvmArgs} (extra options for the child JVMs, default none), {@code bench.regenerate=true} to remake
 * the inputs.
 */
public final class StartAccuracyBench {

    static final int AUDIO_ORDERS = 200;
    static final int VIDEO_ORDERS = 30;
    static final int MEMORY_SECONDS = 30;

    private static final Duration SHORT_TONE = Duration.ofMillis(250);
    private static final long SHORT_TONE_EVERY_MS = 500;
    private static final Duration LONG_TONE = Duration.ofSeconds(5);
    private static final Duration CLIP = Duration.ofSeconds(3);
    private static final long CLIP_EVERY_MS = 4000;
    private static final double HIGH_LOAD = 1.5;

    /** One child run: what it plays, how many times, how often. */
    record Scenario(String name, String label, MediaKind kind, Path media, long mediaMs, int orders, long everyMs) {
    }

    /** What a child run reported. */
    record Result(Scenario scenario, List<Long> lateMicros, Long firstMicros, int notStarted, Map<String, Integer> statuses,
                  long windowEndMs, List<long[]> rss, long idleKb, long hwmKb, long cpuMs, long wallMs, String loadBefore,
                  String loadAfter) {

        /** The JVM's CPU time over its wall time, in % of one CPU. */
        double cpuPercent() {
            return 100.0 * cpuMs / wallMs;
        }

        /** VmRSS samples (kB) taken while the plays ran. */
        long[] playingKb() {
            return rss.stream().filter(s -> s[0] >= 0 && s[0] <= windowEndMs).mapToLong(s -> s[1]).toArray();
        }

        boolean busy() {
            return Double.parseDouble(loadBefore.split(" ")[0]) > HIGH_LOAD
                    || Double.parseDouble(loadAfter.split(" ")[0]) > HIGH_LOAD;
        }
    }

    private final Path dir;
    private final String classpath;
    private final List<String> childJvmArgs;

    private StartAccuracyBench(Path dir) {
        this.dir = dir;
        this.classpath = BenchSupport.testClasspath(StartAccuracyBench.class);
        String extra = System.getProperty("bench.jvmArgs", "").trim();
        this.childJvmArgs = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    public static void main(String[] args) throws Exception {
        Path dir = BenchSupport.benchDir(StartAccuracyBench.class);
        Files.createDirectories(dir.resolve("out"));
        new StartAccuracyBench(dir).run();
    }

    // ---------------------------------------------------------------- the run

    private void run() throws Exception {
        List<String> wanted = List.of(System.getProperty("bench.scenarios",
                "accuracy-audio,accuracy-video,memory-audio,memory-video").split(","));
        int audioOrders = Integer.getInteger("bench.audioOrders", AUDIO_ORDERS);
        int videoOrders = Integer.getInteger("bench.videoOrders", VIDEO_ORDERS);
        int memorySeconds = Integer.getInteger("bench.memorySeconds", MEMORY_SECONDS);

        Path shortTone = input(dir.resolve("tone-250ms.mp3"), part -> TestMedia.tone(part, SHORT_TONE, 440));
        Path longTone = input(dir.resolve("tone-5s.mp3"), part -> TestMedia.tone(part, LONG_TONE, 440));
        Path clip = input(dir.resolve("clip-3s-1080p.mp4"),
                part -> VideoFixtures.video(part, VideoFixtures.Format.MP4_H264, CLIP, 1920, 1080));
        long shortMs = durationMs(shortTone);
        long longMs = durationMs(longTone);
        long clipMs = durationMs(clip);

        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new Scenario("accuracy-audio", "audio: 250 ms MP3 every 0.5 s", MediaKind.AUDIO, shortTone, shortMs,
                audioOrders, SHORT_TONE_EVERY_MS));
        scenarios.add(new Scenario("accuracy-video", "video: 3 s 1080p H.264 every 4 s", MediaKind.VIDEO, clip, clipMs,
                videoOrders, CLIP_EVERY_MS));
        scenarios.add(new Scenario("memory-audio", "audio: 5 s MP3 back to back", MediaKind.AUDIO, longTone, longMs,
                (int) Math.ceil(memorySeconds * 1000.0 / LONG_TONE.toMillis()), LONG_TONE.toMillis()));
        scenarios.add(new Scenario("memory-video", "video: 3 s 1080p H.264 back to back", MediaKind.VIDEO, clip, clipMs,
                (int) Math.ceil(memorySeconds * 1000.0 / CLIP.toMillis()), CLIP.toMillis()));
        scenarios.removeIf(s -> !wanted.contains(s.name()));

        String loadBefore = BenchSupport.loadAverage();
        System.out.println();
        System.out.println("machine: " + machine());
        System.out.println("load average before: " + loadBefore);
        System.out.println("child JVM: " + String.join(" ", javaCommand(scenarios.getFirst(), Path.of("<work>"),
                Path.of("<results>"))).replace(classpath, "<test classpath>"));
        System.out.println();

        List<Result> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            results.add(report(runChild(scenario)));
        }
        String loadAfter = BenchSupport.loadAverage();

        System.out.println();
        List<Result> accuracy = results.stream().filter(r -> r.scenario.name().startsWith("accuracy")).toList();
        if (!accuracy.isEmpty()) {
            System.out.println("Start error = first frame handed to the output - order's startAt, in ms (percentiles by"
                    + " nearest rank).");
            System.out.println(accuracyTable(accuracy));
        }
        List<Result> memory = results.stream().filter(r -> r.scenario.name().startsWith("memory")).toList();
        if (!memory.isEmpty()) {
            System.out.println("Resident memory (VmRSS) of the agent's JVM, sampled every 100 ms while playing; fresh JVM"
                    + " per row, default heap.");
            System.out.println(memoryTable(memory));
        }
        System.out.println("load average before: " + loadBefore + "; after: " + loadAfter);
    }

    private Result runChild(Scenario scenario) throws IOException, InterruptedException {
        Path work = dir.resolve("out/" + scenario.name());
        BenchSupport.deleteTree(work);
        Files.createDirectories(work);
        Path results = dir.resolve("out/" + scenario.name() + ".results");
        Path log = dir.resolve("out/" + scenario.name() + ".log");
        Files.deleteIfExists(results);
        String loadBefore = BenchSupport.loadAverage();
        System.out.printf(Locale.ROOT, "  %-15s %d orders of %s (%.2f s) every %.2f s, load %s ...%n", scenario.name(),
                scenario.orders(), scenario.media().getFileName(), scenario.mediaMs() / 1000.0, scenario.everyMs() / 1000.0,
                loadBefore);
        Process process = new ProcessBuilder(javaCommand(scenario, work, results)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long limitMs = PlayRun.FIRST_AFTER.toMillis() + scenario.orders() * scenario.everyMs() + scenario.mediaMs() + 180_000;
        if (!process.waitFor(limitMs, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(scenario.name() + " did not end within " + limitMs / 1000 + " s; see " + log);
        }
        if (process.exitValue() != 0 || !Files.exists(results)) {
            throw new IllegalStateException("exit " + process.exitValue() + " from " + scenario.name() + "; see " + log
                    + "\n" + BenchSupport.tail(Files.readString(log)));
        }
        String loadAfter = BenchSupport.loadAverage();
        return parse(scenario, Files.readAllLines(results), loadBefore, loadAfter);
    }

    private List<String> javaCommand(Scenario scenario, Path work, Path results) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As the agent's service starts it (dist/communecast-agent.service), no heap options; the jar's manifest
        // grants native access, here the command line does.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(childJvmArgs);
        command.addAll(List.of("-cp", classpath, PlayRun.class.getName(), scenario.name(), scenario.kind().name(),
                scenario.media().toString(), Long.toString(scenario.mediaMs()), Integer.toString(scenario.orders()),
                Long.toString(scenario.everyMs()), work.toString(), results.toString()));
        return command;
    }

    private static Result parse(Scenario scenario, List<String> lines, String loadBefore, String loadAfter) {
        List<Long> late = new ArrayList<>();
        Long first = null;
        int notStarted = 0;
        Map<String, Integer> statuses = new LinkedHashMap<>();
        long windowEnd = 0;
        List<long[]> rss = new ArrayList<>();
        long idle = 0;
        long hwm = 0;
        long cpu = 0;
        long wall = 1;
        for (String line : lines) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "start" -> {
                    if (f[2].equals("none")) {
                        notStarted++;
                    } else {
                        late.add(Long.parseLong(f[2]));
                        if (f[1].equals("1")) {
                            first = Long.parseLong(f[2]);
                        }
                    }
                }
                case "status" -> statuses.put(f[1], Integer.parseInt(f[2]));
                case "window" -> windowEnd = Long.parseLong(f[2]);
                case "rss" -> rss.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                case "idle_kb" -> idle = Long.parseLong(f[1]);
                case "hwm_kb" -> hwm = Long.parseLong(f[1]);
                case "cpu_ms" -> cpu = Long.parseLong(f[1]);
                case "wall_ms" -> wall = Long.parseLong(f[1]);
                default -> {
                    // scenario name
                }
            }
        }
        return new Result(scenario, late, first, notStarted, statuses, windowEnd, rss, idle, hwm, cpu, wall, loadBefore,
                loadAfter);
    }

    /** One line per run, as it ends: its starts and its memory, whichever it is for. */
    private static Result report(Result r) {
        long[] sorted = r.lateMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] kb = r.playingKb();
        String starts = sorted.length == 0 ? "no start"
                : String.format(Locale.ROOT, "start error p50 %s p90 %s p99 %s max %s ms (first play %s ms)",
                        ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
                        ms(sorted[sorted.length - 1]), r.firstMicros == null ? "-" : ms(r.firstMicros));
        System.out.printf(Locale.ROOT, "  %-15s %s; %s%s; RSS before first play %.1f MB, playing mean %.1f peak %.1f MB"
                        + " (%d samples), VmHWM %.1f MB; CPU %.1f s in %.1f s (%.0f %%); load after %s%n", r.scenario.name(),
                statuses(r), starts, r.notStarted > 0 ? ", " + r.notStarted + " never started" : "", r.idleKb / 1024.0,
                mean(kb) / 1024.0, max(kb) / 1024.0, kb.length, r.hwmKb / 1024.0, r.cpuMs / 1000.0, r.wallMs / 1000.0,
                r.cpuPercent(), r.loadAfter);
        return r;
    }

    // ---------------------------------------------------------------- the tables

    private static String accuracyTable(List<Result> results) {
        String format = "| %-38s | %-14s | %6s | %6s | %6s | %6s | %-15s | %-17s |%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "orders", "started", "p50", "p90", "p99", "max", "first play",
                "load before/after"));
        out.append(String.format(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(40), "-".repeat(16),
                "-".repeat(7) + ":", "-".repeat(7) + ":", "-".repeat(7) + ":", "-".repeat(7) + ":", "-".repeat(17),
                "-".repeat(19)));
        for (Result r : results) {
            long[] sorted = r.lateMicros.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                continue;
            }
            out.append(String.format(Locale.ROOT, format, r.scenario.orders() + " x " + r.scenario.label(),
                    sorted.length + "/" + r.scenario.orders() + " " + (r.statuses.getOrDefault("PLAYED", 0) == r.scenario.orders()
                            ? "PLAYED" : "!"),
                    ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
                    ms(sorted[sorted.length - 1]), r.firstMicros == null ? "not started" : "order 1: " + ms(r.firstMicros),
                    r.loadBefore.split(" ")[0] + " / " + r.loadAfter.split(" ")[0] + (r.busy() ? " (!)" : "")));
        }
        if (results.stream().anyMatch(Result::busy)) {
            out.append(String.format(Locale.ROOT, "(!) 1-minute load average above %.1f on this %d-CPU machine during the"
                    + " run: other work competed for the CPUs.%n", HIGH_LOAD, Runtime.getRuntime().availableProcessors()));
        }
        if (results.stream().anyMatch(r -> r.statuses.getOrDefault("PLAYED", 0) != r.scenario.orders())) {
            out.append("! not every order ended PLAYED: ").append(results.stream()
                    .map(r -> r.scenario.name() + " " + r.statuses).collect(Collectors.joining("; ")))
                    .append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String memoryTable(List<Result> results) {
        String format = "| %-42s | %5s | %15s | %11s | %11s | %8s | %5s | %-21s | %-17s |%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "playing", "plays", "before 1st play", "mean RSS MB",
                "peak RSS MB", "VmHWM MB", "CPU", "start error 1st, last", "load before/after"));
        out.append(String.format(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(44), "-".repeat(6) + ":",
                "-".repeat(16) + ":", "-".repeat(12) + ":", "-".repeat(12) + ":", "-".repeat(9) + ":", "-".repeat(6) + ":",
                "-".repeat(23), "-".repeat(19)));
        for (Result r : results) {
            long[] kb = r.playingKb();
            out.append(String.format(Locale.ROOT, format,
                    String.format(Locale.ROOT, "%s, %.0f s", r.scenario.label(), r.windowEndMs / 1000.0),
                    r.statuses.getOrDefault("PLAYED", 0) + "/" + r.scenario.orders(), mb(r.idleKb), mb(mean(kb)),
                    mb(max(kb)), mb(r.hwmKb), String.format(Locale.ROOT, "%.0f %%", r.cpuPercent()),
                    r.lateMicros.isEmpty() ? "-" : ms(r.lateMicros.getFirst()) + ", " + ms(r.lateMicros.getLast()) + " ms",
                    r.loadBefore.split(" ")[0] + " / " + r.loadAfter.split(" ")[0] + (r.busy() ? " (!)" : "")));
        }
        if (results.stream().anyMatch(Result::busy)) {
            out.append(String.format(Locale.ROOT, "(!) 1-minute load average above %.1f during the run.%n", HIGH_LOAD));
        }
        out.append("before 1st play: RSS once the player is built and its orders scheduled (JVM, logback, SQLite database;"
                + " FFmpeg not loaded yet). VmHWM: the kernel's high-water mark for the whole run, between samples"
                + " too. CPU: the JVM's CPU time over its life, in % of one CPU. Start error of the first and the last play"
                + " of the chain (each order's startAt is the one before's plus its duration).").append(System.lineSeparator());
        return out.toString();
    }

    /** Nearest rank: the smallest value with at least p % of the values at or below it. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    private static String mb(double kb) {
        return String.format(Locale.ROOT, "%.1f", kb / 1024.0);
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static String statuses(Result r) {
        return r.statuses.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------- inputs

    /** Makes the input unless a previous run left it; written under a temporary name and moved into place. */
    private static Path input(Path file, Consumer<Path> maker) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > 0 && !Boolean.getBoolean("bench.regenerate")) {
            System.out.println("input (kept from an earlier run): " + file);
            return file;
        }
        String name = file.getFileName().toString();
        Path part = file.resolveSibling("part-" + name);
        long start = System.nanoTime();
        maker.accept(part);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf(Locale.ROOT, "input (generated in %.0f s, not timed): %s%n", (System.nanoTime() - start) / 1e9, file);
        return file;
    }

    private static long durationMs(Path file) throws Exception {
        MediaInfo info = new MediaProbe().probe(file);
        System.out.printf(Locale.ROOT, "%s: %s, %.3f s, %s%s%n", file.getFileName(), info.container(), info.durationMs() / 1000.0,
                info.audioCodec() == null ? "" : info.audioCodec() + " " + info.sampleRate() + " Hz " + info.channels() + " ch",
                info.videoCodec() == null ? "" : ", " + info.videoCodec() + " " + info.width() + "x" + info.height()
                        + String.format(Locale.ROOT, " %.2f fps", info.frameRate()));
        return info.durationMs();
    }

    // ---------------------------------------------------------------- the machine

    private static String machine() throws IOException, InterruptedException {
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:")).findFirst()
                .map(line -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .orElse("?");
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("?");
        Process nproc = new ProcessBuilder("nproc").redirectErrorStream(true).start();
        String cores = new String(nproc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        nproc.waitFor();
        return String.format(Locale.ROOT, "%d CPUs (nproc = %s, %s), %s RAM, JDK %s (%s)",
                Runtime.getRuntime().availableProcessors(), cores, cpu, memory, Runtime.version(),
                System.getProperty("java.vendor"));
    }
}
