package communecast.agent.player;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a play hook: the program and its arguments, without a shell, killed if it outlasts
 * {@code timeout}. What it prints goes to the agent's log; nothing it does can throw into the caller.
 */
record HookCommand(String name, List<String> argv, Duration timeout) {

    private static final Logger LOG = LoggerFactory.getLogger(HookCommand.class);
    /** A relay tool says a line or two; a chatty one must not flood a log kept for years. */
    private static final int MAX_LOGGED_BYTES = 2000;
    /** Native programs print in the platform's encoding, not necessarily Java's UTF-8. */
    private static final Charset OUTPUT_CHARSET =
            Charset.forName(System.getProperty("native.encoding", "UTF-8"), StandardCharsets.UTF_8);

    void run() {
        Path output = outputFile();
        try {
            Redirect to = output == null ? Redirect.DISCARD : Redirect.to(output.toFile());
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(to).start();
            process.getOutputStream().close();
            finish(process, output);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} {} could not run: {}", name, argv, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(output);
        }
    }

    private void finish(Process process, Path output) throws InterruptedException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                LOG.warn("{} {} did not finish within {} ms: killed{}", name, argv, timeout.toMillis(), said(output));
                return;
            }
        } catch (InterruptedException e) {
            kill(process); // The agent stops: leave no command behind.
            throw e;
        }
        int exit = process.exitValue();
        if (exit == 0) {
            LOG.info("{} {} done{}", name, argv, said(output));
        } else {
            LOG.warn("{} {} failed with exit code {}{}", name, argv, exit, said(output));
        }
    }

    /**
     * A file, not a pipe: a command that leaves a child holding its output cannot stall us. None on a full
     * disk: the command (the amplifier) matters more than its words.
     */
    private Path outputFile() {
        try {
            return Files.createTempFile("communecast-hook-", ".log");
        } catch (IOException e) {
            LOG.warn("{}: its output will not be logged ({})", name, e.getMessage());
            return null;
        }
    }

    /** Children first, while they can still be found through their parent. */
    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.SECONDS); // So its output file is closed before it is read and deleted.
    }

    private static String said(Path output) {
        if (output == null) {
            return "";
        }
        byte[] bytes;
        try (var in = Files.newInputStream(output)) {
            bytes = in.readNBytes(MAX_LOGGED_BYTES + 1);
        } catch (IOException e) {
            return " (output unreadable: " + e.getMessage() + ")";
        }
        String text = new String(Arrays.copyOf(bytes, Math.min(bytes.length, MAX_LOGGED_BYTES)), OUTPUT_CHARSET)
                .strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + text + (bytes.length > MAX_LOGGED_BYTES ? " …" : "");
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", file, e.getMessage());
        }
    }
}
