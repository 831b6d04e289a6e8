package communecast.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import communecast.media.testing.TestMedia;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server goes down between dispatch and air time: the agent plays from what it holds, on time, and
 * its report reaches the restarted server once — one PLAYED log, nothing planned twice.
 */
class ServerRestartIT {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String ADMIN_PASSWORD = "restart-pw";

    @Test
    void aPlayDispatchedBeforeARestartAirsOnceAndIsConfirmedAfter() throws Exception {
        Path work = ROOT.resolve("e2e/target/e2e-" + UUID.randomUUID());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        Map<String, String> env = Map.of(
                "MICRONAUT_SERVER_PORT", String.valueOf(port),
                "COMMUNECAST_DATA_DIR", work.resolve("server-data").toString(),
                "COMMUNECAST_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "DATASOURCES_DEFAULT_EMBEDDED_BASE_DIR", ROOT.resolve("e2e/target/mariadb-base").toString(),
                "COMMUNECAST_QUIET_HOURS_FROM", "00:00",
                "COMMUNECAST_QUIET_HOURS_TO", "00:00");
        Path serverJar = ROOT.resolve("app/target/communecast-app.jar");
        try (Processes processes = new Processes()) {
            Process server = processes.jar(serverJar, work.resolve("server-1.log"), env);
            Http api = new Http(base);
            await("server health").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> api.status("/health") == 200);
            api.login("admin", ADMIN_PASSWORD);
            long province = api.post("/api/areas", Map.of("name", "Tỉnh Cao Bằng", "code", "04", "kind", "PROVINCE")).get("id").asLong();
            long commune = api.post("/api/areas", Map.of("name", "Xã Quảng Uyên", "code", "04-001", "kind", "COMMUNE", "parentId", province)).get("id").asLong();
            JsonNode radio = api.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO"));
            long deviceId = radio.get("id").asLong();
            processes.jar(ROOT.resolve("player-agent/target/communecast-agent.jar"), work.resolve("agent.log"), Map.of(),
                    "--server", base, "--data-dir", work.resolve("agent").toString(),
                    "--enroll", radio.get("enrollmentCode").asText(), "--output", "null");
            await("agent online").atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/devices/" + deviceId).get("online").asBoolean());
            long mediaId = api.upload("Bản tin", TestMedia.tone(Files.createDirectories(work).resolve("b.mp3"), Duration.ofSeconds(2), 440))
                    .get("id").asLong();
            await("media ready").atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/media/" + mediaId).get("status").asText().equals("READY"));

            LocalDateTime at = LocalDateTime.now(ZONE).plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
            ObjectNode campaign = Http.object();
            campaign.put("title", "Qua khởi động lại").put("level", "NORMAL")
                    .put("startDate", at.toLocalDate().toString()).put("endDate", at.toLocalDate().toString());
            campaign.putObject("targets").putArray("deviceIds").add(deviceId);
            campaign.putArray("items").addObject().put("mediaId", mediaId).putObject("rule").put("type", "ONCE").put("at", at.toString());
            long campaignId = api.post("/api/campaigns", campaign).get("id").asLong();
            api.post("/api/campaigns/" + campaignId + "/approve", Map.of());
            // Held and prefetched: what the agent has before the link goes is what it can air.
            String sha = api.get("/api/media/" + mediaId).get("renditions").get(0).get("sha256").asText();
            await("order held and media cached by the agent").atMost(Duration.ofSeconds(25))
                    .until(() -> Files.readString(work.resolve("agent.log")).contains("cached media " + sha + System.lineSeparator()));

            Processes.stop(server);
            Instant airTime = at.atZone(ZONE).toInstant();
            await("air time passes while the server is down").atMost(Duration.ofSeconds(60))
                    .until(() -> Instant.now().isAfter(airTime.plusSeconds(4)));
            processes.jar(serverJar, work.resolve("server-2.log"), env);
            await("server back").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> api.status("/health") == 200);
            api.login("admin", ADMIN_PASSWORD);

            await("the play confirmed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> api.get("/api/broadcast-logs?campaignId=" + campaignId).get(0).get("status").asText().equals("PLAYED"));
            JsonNode logs = api.get("/api/broadcast-logs?campaignId=" + campaignId);
            assertEquals(1, logs.size(), "planned once: " + logs);
            long lateMs = Duration.between(airTime, Instant.parse(logs.get(0).get("startedAt").asText())).abs().toMillis();
            assertTrue(lateMs < 1000, "aired " + lateMs + " ms off its time, from the agent's own copy");
            assertEquals(1, api.get("/api/reports/campaigns/" + campaignId).get("aired").asInt());
        }
    }
}
