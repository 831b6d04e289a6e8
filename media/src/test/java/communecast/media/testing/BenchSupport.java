package communecast.media.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the modules' benchmark harnesses share: where they write, the classpath they start children with, the load. */
public final class BenchSupport {
    private BenchSupport() {
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    public static String loadAverage() throws IOException {
        String[] fields = proc(Path.of("/proc/loadavg")).trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** A /proc file as text: Files.readString reads only the first byte of some (their size shows as 0). */
    public static String proc(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** MODULE/target/bench: beside the test classes the bench was loaded from, whatever the working directory. */
    public static Path benchDir(Class<?> bench) throws URISyntaxException {
        Path classes = Path.of(bench.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.getParent().resolve("bench");
    }

    /**
     * The classpath the bench was loaded with: under {@code exec:java} that is the plugin's class loader (the
     * project's test classpath), not {@code java.class.path} (which is Maven's own).
     */
    public static String testClasspath(Class<?> bench) {
        if (bench.getClassLoader() instanceof URLClassLoader urls && urls.getURLs().length > 0) {
            return Arrays.stream(urls.getURLs()).map(BenchSupport::toPath).collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String toPath(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The last 4,000 characters of a child's output, for an error message. */
    public static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
