package communecast.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The server jar as an operator runs it: a free port, its data under the test's work dir, the shared
 * MariaDB binaries, no quiet hours (a test must not depend on the hour it runs at).
 */
record ServerUnderTest(String base, Map<String, String> env) {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path JAR = ROOT.resolve("app/target/communecast-app.jar");

    static ServerUnderTest in(Path work, String adminPassword) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return new ServerUnderTest("http://127.0.0.1:" + port, Map.of(
                "MICRONAUT_SERVER_PORT", String.valueOf(port),
                "COMMUNECAST_DATA_DIR", work.resolve("server-data").toString(),
                "COMMUNECAST_ADMIN_PASSWORD", adminPassword,
                "DATASOURCES_DEFAULT_EMBEDDED_BASE_DIR", ROOT.resolve("e2e/target/mariadb-base").toString(),
                "COMMUNECAST_QUIET_HOURS_FROM", "00:00",
                "COMMUNECAST_QUIET_HOURS_TO", "00:00"));
    }

    Process start(Processes processes, Path log) throws IOException {
        return processes.jar(JAR, log, env);
    }

    /** Waits until it answers /health, then logs in as the built-in admin. */
    Http awaitAdmin() {
        Http api = new Http(base);
        await("server health").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> api.status("/health") == 200);
        api.login("admin", env.get("COMMUNECAST_ADMIN_PASSWORD"));
        return api;
    }
}
