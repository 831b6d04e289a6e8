package communecast.media.bench;

import communecast.media.MediaInfo;
import communecast.media.MediaProbe;
import communecast.media.audio.Loudness;
import communecast.media.audio.LoudnessMeter;
import communecast.media.testing.AudioFixtures;
import communecast.media.testing.BenchSupport;
import communecast.media.testing.VideoFixtures;
import communecast.media.video.VideoRenderer;
import communecast.media.video.VideoRenditionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Loader;

/**
 * Wall time, real-time factor and peak memory of our media pipeline beside the {@code ffmpeg} command line doing
 * the same work on the same input, in the same run. Not a test: run it by hand (see docs/PERFORMANCE.md),
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q -pl media test-compile exec:java
 * </pre>
 * (the media pom names this class and the test classpath for {@code exec:java}).
 *
 * <p>Two jobs: a 10-minute spoken bulletin (MP3) rendered to the broadcast MP3, and a 2-minute 1920×1080 25 fps
 * H.264/AAC clip rendered for a 384×192 LED screen. The inputs are generated once into {@code target/bench/}
 * (not timed; kept for the next run). Each measurement is its own process, measured the same way whichever tool
 * it is (wall time from start to exit; CPU time and peak resident memory, VmHWM, polled from {@code /proc}): our
 * pipeline in a fresh JVM ({@link RunJob}, so its peak memory is its own and its wall time includes JVM start),
 * and the {@code ffmpeg} CLI (the audio job is its two loudnorm passes, wall and CPU times added, peak memory the
 * larger). Runs are interleaved, ours then ffmpeg, {@value #DEFAULT_REPS} times by default, and the table shows
 * the median of each column.
 *
 * <p>The CLI is the {@code ffmpeg} executable that JavaCV ships beside the libraries our pipeline uses
 * ({@code Loader.load(org.bytedeco.ffmpeg.ffmpeg.class)}): the same FFmpeg build, so the video job encodes with
 * OpenH264 on both sides. Linux only; that executable needs {@code libpulse.so.0} (Debian: libpulse0).
 *
 * <p>System properties: {@code bench.reps} (default {@value #DEFAULT_REPS}), {@code bench.jobs} ("audio,video"),
 * {@code bench.jvmArgs} (extra options for the child JVM, default none: the JVM's own heap sizing, as the
 * server runs), {@code bench.ffmpeg} (another ffmpeg executable instead of JavaCV's; its encoders must include
 * libopenh264 and libmp3lame), {@code bench.regenerate=true} to remake the inputs.
 */
public final class PipelineBench {

    static final int DEFAULT_REPS = 3;
    /** How often a running child's /proc entry is read for its peak memory and CPU time. */
    private static final long POLL_MS = 20;

    private static final Duration BULLETIN = Duration.ofMinutes(10);
    private static final Duration CLIP = Duration.ofMinutes(2);
    /** An uploaded bulletin: speech as a recorder or phone app leaves it, around EBU R128's −23 LUFS. */
    private static final double BULLETIN_LUFS = -23;

    private final Path dir;
    private final String ffmpeg;
    private final String ffprobe;
    /** Where ffmpeg comes from, for the report. */
    private final String ffmpegSource;
    /** JavaCV's own ffmpeg and ffprobe, which need their directory on LD_LIBRARY_PATH. */
    private final boolean bundled;
    private final int reps = Integer.getInteger("bench.reps", DEFAULT_REPS);
    private final List<String> childJvmArgs;
    private final String classpath;
    private int serial;

    private PipelineBench(Path dir) throws IOException {
        this.dir = dir;
        this.classpath = BenchSupport.testClasspath(PipelineBench.class);
        String override = System.getProperty("bench.ffmpeg", "").trim();
        this.bundled = override.isEmpty();
        if (bundled) {
            this.ffmpeg = javacvExecutable(org.bytedeco.ffmpeg.ffmpeg.class);
            this.ffprobe = javacvExecutable(org.bytedeco.ffmpeg.ffprobe.class);
            this.ffmpegSource = "JavaCV's bundled ffmpeg (org.bytedeco:ffmpeg " + Loader.getVersion("org.bytedeco", "ffmpeg") + ")";
        } else {
            this.ffmpeg = override;
            this.ffprobe = Path.of(override).resolveSibling("ffprobe").toString();
            this.ffmpegSource = "-Dbench.ffmpeg=" + override;
        }
        String extra = System.getProperty("bench.jvmArgs", "").trim();
        this.childJvmArgs = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    public static void main(String[] args) throws Exception {
        Path dir = BenchSupport.benchDir(PipelineBench.class);
        Files.createDirectories(dir.resolve("out"));
        new PipelineBench(dir).run();
    }

    // ---------------------------------------------------------------- the run

    private void run() throws Exception {
        checkTools();
        List<String> jobs = List.of(System.getProperty("bench.jobs", "audio,video").split(","));
        Path bulletin = dir.resolve("bulletin-10min.mp3");
        Path clip = dir.resolve("clip-2min-1080p.mp4");
        if (jobs.contains("audio")) {
            input(bulletin, part -> AudioFixtures.speech(part, AudioFixtures.MP3, BULLETIN.toSeconds(), BULLETIN_LUFS, 2024));
        }
        if (jobs.contains("video")) {
            input(clip, part -> VideoFixtures.video(part, VideoFixtures.Format.MP4_H264, CLIP, 1920, 1080));
        }

        String loadBefore = BenchSupport.loadAverage();
        System.out.println();
        System.out.println("machine: " + machine());
        System.out.println("ffmpeg CLI: " + ffmpegSource + ", " + ffmpeg);
        System.out.println("load average before: " + loadBefore);
        System.out.println("child JVM: " + String.join(" ", javaCommand("audio", Path.of("<in>"), Path.of("<out>")))
                .replace(classpath, "<test classpath>"));
        System.out.println();

        List<Row> rows = new ArrayList<>();
        if (jobs.contains("audio")) {
            rows.addAll(audioJob(bulletin));
        }
        if (jobs.contains("video")) {
            rows.addAll(videoJob(clip));
        }
        String loadAfter = BenchSupport.loadAverage();

        System.out.println();
        System.out.printf(Locale.ROOT,
                "Median of %d runs per row (runs interleaved ours/ffmpeg); RTF = media duration / wall time.%n", reps);
        System.out.println(table(rows));
        System.out.println("load average before: " + loadBefore + "; after: " + loadAfter);
    }

    private List<Row> audioJob(Path input) throws Exception {
        double seconds = durationSeconds(input);
        Path ours = dir.resolve("out/ours-bulletin.mp3");
        Path theirs = dir.resolve("out/ffmpeg-bulletin.mp3");
        String label = "bulletin " + clock(seconds) + " audio";
        List<Sample> oursRuns = new ArrayList<>();
        List<Sample> ffmpegRuns = new ArrayList<>();
        String normalisation = "";
        for (int rep = 1; rep <= reps; rep++) {
            oursRuns.add(report(label, "ours", rep, measure(javaCommand("audio", input, ours))));
            Sample pass1 = measure(loudnormPass1(input));
            String json = lastJson(pass1.stderr);
            Sample pass2 = measure(loudnormPass2(input, theirs, json));
            normalisation = jsonField(lastJson(pass2.stderr), "normalization_type");
            ffmpegRuns.add(report(label, "ffmpeg", rep, Sample.sum(pass1, pass2)));
            System.out.printf(Locale.ROOT,
                    "         (pass 1 measure: wall %.2f s, %.1f MB; pass 2 normalise + encode: wall %.2f s, %.1f MB)%n",
                    pass1.wallSeconds, pass1.peakRssMb, pass2.wallSeconds, pass2.peakRssMb);
        }
        System.out.printf(Locale.ROOT, "  check (not timed): input %s; ours %s; ffmpeg %s (loudnorm used %s normalisation)%n",
                loudness(input), loudness(ours), loudness(theirs), normalisation);
        return List.of(
                new Row(label, "ours: AudioRenderer, child JVM", seconds, oursRuns),
                new Row("", "ffmpeg: loudnorm 2-pass + libmp3lame", seconds, ffmpegRuns));
    }

    private List<Row> videoJob(Path input) throws Exception {
        double seconds = durationSeconds(input);
        MediaInfo info = new MediaProbe().probe(input);
        Path ours = dir.resolve("out/ours-clip-384x192.mp4");
        Path theirs = dir.resolve("out/ffmpeg-clip-384x192.mp4");
        String label = "video " + clock(seconds) + " 1080p->384x192";
        List<Sample> oursRuns = new ArrayList<>();
        List<Sample> ffmpegRuns = new ArrayList<>();
        for (int rep = 1; rep <= reps; rep++) {
            oursRuns.add(report(label, "ours", rep, measure(javaCommand("video", input, ours))));
            ffmpegRuns.add(report(label, "ffmpeg", rep, measure(ffmpegVideo(input, info, theirs))));
        }
        System.out.printf(Locale.ROOT, "  check (not timed): ours %s; ffmpeg %s%n", videoSummary(ours), videoSummary(theirs));
        return List.of(
                new Row(label, "ours: VideoRenderer (OpenH264), child JVM", seconds, oursRuns),
                new Row("", "ffmpeg: scale,pad,fps + libopenh264", seconds, ffmpegRuns));
    }

    // ---------------------------------------------------------------- commands

    private List<String> javaCommand(String job, Path input, Path output) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(childJvmArgs);
        command.addAll(List.of("-cp", classpath, RunJob.class.getName(), job, input.toString(), output.toString()));
        return command;
    }

    /**
     * Like ours, the CLI measures the sound already in the rendition's channels and rate (mono 44.1 kHz): a
     * stereo-to-mono downmix changes loudness, so the gain must be found for what is encoded.
     */
    private static final String TO_RENDITION = "aformat=sample_rates=44100:channel_layouts=mono,";

    private List<String> loudnormPass1(Path input) {
        return List.of(ffmpeg, "-hide_banner", "-nostdin", "-i", input.toString(),
                "-af", TO_RENDITION + "loudnorm=I=-16:TP=-1.5:LRA=11:print_format=json", "-f", "null", "-");
    }

    private List<String> loudnormPass2(Path input, Path output, String measured) {
        String filter = TO_RENDITION + String.format(Locale.ROOT,
                "loudnorm=I=-16:TP=-1.5:LRA=11:measured_I=%s:measured_TP=%s:measured_LRA=%s:measured_thresh=%s:offset=%s"
                        + ":linear=true:print_format=json",
                jsonField(measured, "input_i"), jsonField(measured, "input_tp"), jsonField(measured, "input_lra"),
                jsonField(measured, "input_thresh"), jsonField(measured, "target_offset"));
        return List.of(ffmpeg, "-hide_banner", "-nostdin", "-y", "-i", input.toString(), "-af", filter,
                "-ar", "44100", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "128k", output.toString());
    }

    /**
     * What VideoRenderer does, as one command: the same fitted size and filters (SourcePicture.fitFilters: scale
     * to fit keeping the shape, each side rounded to even, bicubic; square pixels; black pad; 4:2:0), the same
     * constant rate, and the same encoders and settings as its FFmpegFrameRecorder (OpenH264 constrained baseline,
     * the spec's bitrate, GOP of 2 s, no skipped frames; AAC 44.1 kHz stereo 128 kbit/s; MP4 with faststart). The
     * input is assumed upright with square pixels, as the generated clip is.
     */
    private List<String> ffmpegVideo(Path input, MediaInfo info, Path output) {
        VideoRenditionSpec spec = VideoRenditionSpec.forScreen(RunJob.SCREEN);
        int w = RunJob.SCREEN.width();
        int h = RunJob.SCREEN.height();
        double scale = Math.min((double) w / info.width(), (double) h / info.height());
        String filter = String.format(Locale.ROOT,
                "scale=%d:%d:flags=bicubic,setsar=1,pad=%d:%d:(ow-iw)/2:(oh-ih)/2:black,format=yuv420p,fps=%d",
                even(info.width() * scale, w), even(info.height() * scale, h), w, h, spec.frameRate());
        return List.of(ffmpeg, "-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-i", input.toString(),
                "-vf", filter, "-c:v", VideoRenderer.VIDEO_ENCODER, "-profile:v", "constrained_baseline",
                "-b:v", spec.bitrateKbps() + "k", "-g", String.valueOf(2 * spec.frameRate()), "-allow_skip_frames", "0",
                "-c:a", VideoRenderer.AUDIO_ENCODER, "-b:a", VideoRenderer.AUDIO_BITRATE / 1000 + "k",
                "-ar", String.valueOf(VideoRenderer.AUDIO_SAMPLE_RATE), "-ac", String.valueOf(VideoRenderer.AUDIO_CHANNELS),
                "-movflags", "+faststart", output.toString());
    }

    /** SourcePicture's rounding: to an even number of pixels, 2 to max. */
    private static int even(double pixels, int max) {
        int rounded = 2 * (int) Math.round(pixels / 2);
        return Math.max(2, Math.min(max, rounded));
    }

    // ---------------------------------------------------------------- measuring

    /** Wall and CPU seconds and peak resident memory of one process. */
    record Sample(double wallSeconds, double cpuSeconds, double peakRssMb, double startupSeconds, double renderSeconds,
                  String stderr) {
        static Sample sum(Sample a, Sample b) {
            return new Sample(a.wallSeconds + b.wallSeconds, a.cpuSeconds + b.cpuSeconds,
                    Math.max(a.peakRssMb, b.peakRssMb), Double.NaN, Double.NaN, a.stderr + b.stderr);
        }
    }

    private static final Pattern HWM = Pattern.compile("(?m)^VmHWM:\\s+(\\d+) kB");
    private static final Pattern STARTUP_MS = Pattern.compile("startup_ms=(\\d+)");
    private static final Pattern RENDER_MS = Pattern.compile("render_ms=(\\d+)");

    /**
     * Runs one command to its end: wall time from start to exit; peak resident memory (VmHWM in
     * /proc/pid/status) and CPU time (user + system, all threads) read every {@value #POLL_MS} ms while it runs.
     * The same for our JVM and for ffmpeg, and nothing else needed (no GNU time).
     */
    private Sample measure(List<String> command) throws IOException, InterruptedException {
        int n = ++serial;
        Path out = dir.resolve("out/run-" + n + ".out");
        Path err = dir.resolve("out/run-" + n + ".err");
        ProcessBuilder builder = processBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long hwmKb = 0;
        Duration cpu = Duration.ZERO;
        // VmHWM only grows and its /proc entry is gone once the process exits, so the last value read is its peak
        // (short of at most the last POLL_MS); likewise the CPU time.
        do {
            hwmKb = Math.max(hwmKb, highWaterMarkKb(status));
            cpu = process.info().totalCpuDuration().filter(d -> d.compareTo(Duration.ZERO) > 0).orElse(cpu);
        } while (!process.waitFor(POLL_MS, TimeUnit.MILLISECONDS));
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        int exit = process.exitValue();
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        if (exit != 0) {
            throw new IllegalStateException("exit " + exit + " from " + String.join(" ", command).replace(classpath, "<cp>")
                    + "\n" + BenchSupport.tail(stderr) + "\n" + BenchSupport.tail(stdout));
        }
        if (hwmKb == 0) {
            throw new IllegalStateException("no VmHWM read from " + status + " while " + command.get(0) + " ran");
        }
        Matcher startup = STARTUP_MS.matcher(stdout);
        double startupSeconds = startup.find() ? Long.parseLong(startup.group(1)) / 1000.0 : Double.NaN;
        Matcher render = RENDER_MS.matcher(stdout);
        double renderSeconds = render.find() ? Long.parseLong(render.group(1)) / 1000.0 : Double.NaN;
        for (Path file : List.of(out, err)) {
            Files.deleteIfExists(file);
        }
        return new Sample(wallSeconds, cpu.toNanos() / 1e9, hwmKb / 1024.0, startupSeconds, renderSeconds, stderr);
    }

    /** VmHWM in kB, or 0 when the process is gone (or, as a zombie, has no memory left to report). */
    private static long highWaterMarkKb(Path status) {
        try {
            Matcher m = HWM.matcher(Files.readString(status));
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /**
     * A process for a command; for JavaCV's ffmpeg and ffprobe, with their directory on LD_LIBRARY_PATH: their
     * RUNPATH ($ORIGIN) covers only their direct libraries, and libavutil there needs libva.so.2 beside it.
     */
    private ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        String program = command.get(0);
        if (bundled && (program.equals(ffmpeg) || program.equals(ffprobe))) {
            String libs = Path.of(program).getParent().toString();
            String existing = System.getenv("LD_LIBRARY_PATH");
            builder.environment().put("LD_LIBRARY_PATH", existing == null || existing.isEmpty() ? libs : libs + ":" + existing);
        }
        return builder;
    }

    private static Sample report(String job, String tool, int rep, Sample sample) {
        System.out.printf(Locale.ROOT, "  run %d  %-28s %-6s wall %7.2f s  cpu %7.2f s  peak RSS %7.1f MB%s%n", rep, job, tool,
                sample.wallSeconds, sample.cpuSeconds, sample.peakRssMb,
                Double.isNaN(sample.renderSeconds) ? "" : String.format(Locale.ROOT,
                        "  (JVM + FFmpeg load %.2f s, render() %.2f s)", sample.startupSeconds, sample.renderSeconds));
        return sample;
    }

    // ---------------------------------------------------------------- the table

    record Row(String job, String tool, double mediaSeconds, List<Sample> runs) {
        double wall() {
            return median(Sample::wallSeconds);
        }

        double cpu() {
            return median(Sample::cpuSeconds);
        }

        double rss() {
            return median(Sample::peakRssMb);
        }

        double render() {
            return median(Sample::renderSeconds);
        }

        double startup() {
            return median(Sample::startupSeconds);
        }

        double median(ToDoubleFunction<Sample> metric) {
            double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
            int n = values.length;
            return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }
    }

    private static String table(List<Row> rows) {
        String format = "| %-26s | %-42s | %8s | %7s | %8s | %11s |%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "job", "tool", "wall s", "RTF", "CPU s", "peak RSS MB"));
        out.append(String.format(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%n", "-".repeat(28), "-".repeat(44), "-".repeat(9) + ":",
                "-".repeat(8) + ":", "-".repeat(9) + ":", "-".repeat(12) + ":"));
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            Row ours = rows.get(i);
            Row theirs = rows.get(i + 1);
            for (Row row : List.of(ours, theirs)) {
                out.append(String.format(Locale.ROOT, format, row.job, row.tool, fixed(row.wall()),
                        String.format(Locale.ROOT, "%.1fx", row.mediaSeconds / row.wall()), fixed(row.cpu()), fixed(row.rss())));
            }
            out.append(String.format(Locale.ROOT, format, "", "ratio ours/ffmpeg", times(ours.wall() / theirs.wall()), "",
                    times(ours.cpu() / theirs.cpu()), times(ours.rss() / theirs.rss())));
        }
        out.append(System.lineSeparator());
        for (Row row : rows) {
            if (!Double.isNaN(row.render())) {
                out.append(String.format(Locale.ROOT,
                        "%s, ours: of %.2f s wall, %.2f s JVM start + loading FFmpeg's native libraries, %.2f s in"
                                + " render() (medians).%n", row.job.trim(), row.wall(), row.startup(), row.render()));
            }
        }
        return out.toString();
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    // ---------------------------------------------------------------- inputs and checks

    /** Makes the input unless a previous run left it; written under a temporary name and moved into place. */
    private static void input(Path file, Consumer<Path> maker) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > 0 && !Boolean.getBoolean("bench.regenerate")) {
            System.out.println("input (kept from an earlier run): " + file);
            return;
        }
        String name = file.getFileName().toString();
        Path part = file.resolveSibling("part-" + name);
        long start = System.nanoTime();
        maker.accept(part);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf(Locale.ROOT, "input (generated in %.0f s, not timed): %s%n", (System.nanoTime() - start) / 1e9, file);
    }

    private static double durationSeconds(Path file) throws Exception {
        MediaInfo info = new MediaProbe().probe(file);
        System.out.printf(Locale.ROOT, "%s: %s, %.1f s, %s%s%n", file.getFileName(), info.container(), info.durationMs() / 1000.0,
                info.audioCodec() == null ? "" : info.audioCodec() + " " + info.sampleRate() + " Hz " + info.channels() + " ch",
                info.videoCodec() == null ? "" : ", " + info.videoCodec() + " " + info.width() + "x" + info.height()
                        + String.format(Locale.ROOT, " %.2f fps", info.frameRate()));
        return info.durationMs() / 1000.0;
    }

    private static String loudness(Path file) {
        try {
            Loudness l = new LoudnessMeter().measure(file);
            return String.format(Locale.ROOT, "%.1f LUFS, %.1f dBTP, LRA %.1f LU", l.integratedLufs(), l.truePeakDbtp(),
                    l.loudnessRangeLu());
        } catch (Exception e) {
            return "unmeasurable (" + e.getMessage() + ")";
        }
    }

    private String videoSummary(Path file) {
        try {
            MediaInfo info = new MediaProbe().probe(file);
            long bytes = Files.size(file);
            return String.format(Locale.ROOT, "%dx%d %.0f fps %.1f s, %.0f kbit/s overall (%s)", info.width(), info.height(),
                    info.frameRate(), info.durationMs() / 1000.0, bytes * 8.0 / info.durationMs(), streamBitrates(file));
        } catch (Exception e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    /** "h264 36 kbit/s, aac 127 kbit/s" by ffprobe: JavaCV's, or the one beside -Dbench.ffmpeg. */
    private String streamBitrates(Path file) throws IOException, InterruptedException {
        if (ffprobe == null || !Files.isExecutable(Path.of(ffprobe))) {
            return "no ffprobe for stream bitrates";
        }
        Process process = processBuilder(List.of(ffprobe, "-v", "error", "-show_entries", "stream=codec_name,bit_rate",
                "-of", "csv=p=0", file.toString())).redirectErrorStream(true).start();
        String csv = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return csv.lines().map(line -> line.split(","))
                .map(f -> f.length == 2 && f[1].matches("\\d+")
                        ? f[0] + " " + Long.parseLong(f[1]) / 1000 + " kbit/s" : String.join(" ", f))
                .collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------- the machine

    private void checkTools() {
        if (!Files.isExecutable(Path.of(ffmpeg))) {
            throw new IllegalStateException(ffmpeg + " (" + ffmpegSource + ") is not an executable file");
        }
        if (!Files.isReadable(Path.of("/proc/self/status"))) {
            throw new IllegalStateException("no /proc/self/status: this benchmark reads processes' memory from Linux's /proc");
        }
    }

    /**
     * Extracts (once, into JavaCPP's cache) and returns the path of an executable that JavaCV ships. Loading its
     * preset also loads FFmpeg's libraries into this JVM, libavdevice among them, which needs libpulse.so.0.
     */
    private static String javacvExecutable(Class<?> executable) {
        try {
            return Loader.load(executable);
        } catch (UnsatisfiedLinkError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot load JavaCV's " + executable.getSimpleName() + ": " + cause.getMessage()
                    + "\n(libpulse.so.0 missing? Debian: apt-get install libpulse0; or pass -Dbench.ffmpeg=/path/to/ffmpeg)", e);
        }
    }

    private String machine() throws IOException, InterruptedException {
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:")).findFirst()
                .map(line -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .orElse("?");
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("?");
        Process version = processBuilder(List.of(ffmpeg, "-version")).redirectErrorStream(true).start();
        String ffmpegVersion = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .findFirst().orElse("?").replaceAll(" Copyright.*", "");
        version.waitFor();
        return String.format(Locale.ROOT, "%d CPUs (%s), %s RAM, JDK %s (%s), %s", Runtime.getRuntime().availableProcessors(),
                cpu, memory, Runtime.version(), System.getProperty("java.vendor"), ffmpegVersion);
    }

    // ---------------------------------------------------------------- plumbing

    private static String lastJson(String log) {
        int open = log.lastIndexOf('{');
        int close = log.lastIndexOf('}');
        if (open < 0 || close < open) {
            throw new IllegalStateException("no loudnorm JSON in ffmpeg's output:\n" + BenchSupport.tail(log));
        }
        return log.substring(open, close + 1);
    }

    private static String jsonField(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
