package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The server on an external MariaDB (DATASOURCES_DEFAULT_URL) instead of its embedded one: Flyway, JDBI
 * and Quartz must all use that database. Runs only where 127.0.0.1:3306 takes root without a password;
 * elsewhere it is skipped, so a machine with only a JDK passes the suite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalDatabaseTest {
    static final String ROOT_URL = "jdbc:mariadb://127.0.0.1:3306/";
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Duration WAIT = Duration.ofSeconds(30);

    final String database = "communecast_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    boolean created;
    String unavailable;
    EmbeddedServer server;
    HttpClient client;

    @BeforeAll
    void startOnAFreshExternalDatabase() {
        try (Connection root = connect(ROOT_URL + "?connectTimeout=2000")) {
            // As README tells operators: the database must exist, Flyway makes the tables. No charset given on purpose.
            root.createStatement().execute("CREATE DATABASE `" + database + "`");
            created = true;
        } catch (SQLException e) {
            unavailable = e.getMessage();
            return;
        }
        Map<String, Object> properties = new HashMap<>(TestServer.properties());
        properties.put("datasources.default.url", ROOT_URL + database);
        properties.put("datasources.default.username", "root");
        properties.put("datasources.default.password", "");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    /** Assumed per test, not in @BeforeAll: there the reason would not reach the test report. */
    @BeforeEach
    void externalDatabaseAvailable() {
        assumeTrue(unavailable == null, () -> "skipped: no MariaDB at 127.0.0.1:3306 taking root without a password ("
                + unavailable + ")");
    }

    @AfterAll
    void stopAndDrop() throws SQLException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (created) {
            try (Connection root = connect(ROOT_URL)) {
                root.createStatement().execute("DROP DATABASE `" + database + "`");
            }
        }
    }

    @Test
    void aPlannedPlayIsInTheExternalDatabase(@TempDir Path dir) throws SQLException {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Điện Biên", "DB", "Xã Mường Phăng", "DB-MP");
        long device = admin.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO")).id();
        long media = admin.upload("Bản tin", TestMedia.tone(dir.resolve("tone.wav"), Duration.ofSeconds(1), 440)).id();
        await().atMost(WAIT).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));

        LocalDateTime at = LocalDateTime.now(ZONE).plusMinutes(3).truncatedTo(ChronoUnit.SECONDS);
        Api.Reply campaign = admin.post("/api/campaigns", Map.of("title", "Tuyên truyền PCCC", "level", "NORMAL",
                "startDate", at.toLocalDate().toString(), "endDate", at.toLocalDate().toString(),
                "targets", Map.of("deviceIds", List.of(device)),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "ONCE", "at", at.toString())))));
        assertEquals(201, campaign.status(), campaign::toString);
        long campaignId = campaign.id();
        Api.Reply approved = admin.post("/api/campaigns/" + campaignId + "/approve", Map.of());
        assertEquals("APPROVED", approved.string("status"), approved::toString);
        await().atMost(WAIT).until(() -> admin.list("/api/broadcast-logs?campaignId=" + campaignId).stream()
                .anyMatch(log -> "PENDING".equals(log.get("status"))));

        try (Connection db = connect(ROOT_URL + database)) {
            // The same play the API showed, in this database, at the campaign's time as UTC wall time.
            List<List<Object>> logs = rows(db, "SELECT device_id, status, scheduled_at FROM broadcast_log WHERE campaign_id = ?", campaignId);
            assertEquals(List.of(List.of(device, "PENDING", at.atZone(ZONE).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime())), logs);
            assertEquals(List.of(List.of("Xã Mường Phăng")), rows(db, "SELECT name FROM area WHERE id = ?", commune),
                    "Vietnamese names survive a database created without a charset");
            List<List<Object>> migrations = rows(db, "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank");
            assertTrue(migrations.containsAll(List.of(List.of("1"), List.of("2"))), migrations::toString);
            // Quartz keeps its cluster check-ins here too (the campaign's job is gone: its one play is dispatched).
            assertTrue(count(db, "SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE") > 0, "the scheduler checked in here");
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "root", "");
    }

    private static long count(Connection db, String sql, Object... args) throws SQLException {
        return ((Number) rows(db, sql, args).getFirst().getFirst()).longValue();
    }

    /** Each row as a list of its column values: Long for BIGINT, LocalDateTime (the stored wall time) for DATETIME. */
    private static List<List<Object>> rows(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(rs.getMetaData().getColumnType(c) == Types.TIMESTAMP ? rs.getObject(c, LocalDateTime.class) : rs.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
