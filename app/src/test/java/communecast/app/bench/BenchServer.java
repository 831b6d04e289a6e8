package communecast.app.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server jar as an operator runs it, on a benchmark's database in the MariaDB server (port and data dir of its
 * own, the log in {@code work/server.log}); and the benchmark's clean-up: the server stopped, the database dropped
 * unless kept, the buffer pool set back to its size before.
 */
final class BenchServer {
    private final Process process;
    private final String base;

    private BenchServer(Process process, String base) {
        this.process = process;
        this.base = base;
    }

    /** Started with {@code javaOptions} and the admin's first password; returns once /health answers 200. */
    static BenchServer start(Path work, String databaseUrl, String adminPassword, String... javaOptions) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(List.of(javaOptions));
        command.addAll(List.of("-jar", Path.of("app/target/communecast-app.jar").toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        env.put("COMMUNECAST_DATA_DIR", work.resolve("data").toString());
        env.put("COMMUNECAST_ADMIN_PASSWORD", adminPassword);
        env.put("DATASOURCES_DEFAULT_URL", databaseUrl);
        env.put("DATASOURCES_DEFAULT_USERNAME", "root");
        env.put("DATASOURCES_DEFAULT_PASSWORD", "");
        long started = System.nanoTime();
        BenchServer server = new BenchServer(builder.start(), "http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        while (!server.healthy(http)) {
            if (!server.process.isAlive()) {
                throw new IllegalStateException("the server stopped; see " + work.resolve("server.log"));
            }
            Thread.sleep(500);
        }
        System.out.printf(Locale.ROOT, "server up after %.1f s (pid %d, log %s)%n", (System.nanoTime() - started) / 1e9,
                server.process.pid(), work.resolve("server.log"));
        return server;
    }

    /** Its address, http://127.0.0.1:port. */
    String base() {
        return base;
    }

    private boolean healthy(HttpClient http) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The server (if it started) stopped, then the database dropped unless {@code keep}, the pool back to {@code poolBefore} (if read). */
    static void cleanUp(BenchServer server, Connection root, String database, boolean keep, long poolBefore) {
        if (server != null) {
            server.process.destroy();
            try {
                server.process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (!keep) {
                Sql.exec(root, "DROP DATABASE IF EXISTS " + database);
            }
            if (poolBefore > 0) {
                Sql.exec(root, "SET GLOBAL innodb_buffer_pool_size = " + poolBefore);
            }
        } catch (SQLException e) {
            System.err.println("could not clean up: " + e.getMessage());
        }
    }
}
