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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's quick tour, done by a machine: the server jar on its embedded MariaDB, two agent jars
 * (RADIO and a 384×192 LED) enrolled with their codes, a bulletin that airs once ~20 s ahead on both,
 * then two PLAYED logs whose actual start is within 1 s of the scheduled instant, and a report of 2/2.
 */
class QuickTourIT {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String ADMIN_PASSWORD = "quick-tour-pw";

    @Test
    void aBulletinAirsOnTimeOnTwoDevicesAndIsReported() throws Exception {
        Path work = ROOT.resolve("e2e/target/e2e-" + UUID.randomUUID());
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        try (Processes processes = new Processes()) {
            processes.jar(ROOT.resolve("app/target/communecast-app.jar"), work.resolve("server.log"), Map.of(
                    "MICRONAUT_SERVER_PORT", String.valueOf(port),
                    "COMMUNECAST_DATA_DIR", work.resolve("server-data").toString(),
                    "COMMUNECAST_ADMIN_PASSWORD", ADMIN_PASSWORD,
                    "DATASOURCES_DEFAULT_EMBEDDED_BASE_DIR", ROOT.resolve("e2e/target/mariadb-base").toString(),
                    // No quiet hours: the radio's play "in 20 s" must air whatever the hour of the run.
                    "COMMUNECAST_QUIET_HOURS_FROM", "00:00",
                    "COMMUNECAST_QUIET_HOURS_TO", "00:00"));
            Http api = new Http(base);
            await("server health").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.status("/health") == 200);
            api.login("admin", ADMIN_PASSWORD);

            long province = api.post("/api/areas", Map.of("name", "Tỉnh Lạng Sơn", "code", "20", "kind", "PROVINCE")).get("id").asLong();
            long commune = api.post("/api/areas", Map.of("name", "Xã Hữu Lũng", "code", "20-001", "kind", "COMMUNE", "parentId", province)).get("id").asLong();
            JsonNode radio = api.post("/api/devices", Map.of("name", "Đài truyền thanh xã", "areaId", commune, "kind", "RADIO"));
            JsonNode led = api.post("/api/devices", Map.of("name", "Màn hình LED chợ", "areaId", commune, "kind", "LED",
                    "screenWidth", 384, "screenHeight", 192));

            for (JsonNode device : List.of(radio, led)) {
                String name = "agent-" + device.get("id").asText();
                processes.jar(ROOT.resolve("player-agent/target/communecast-agent.jar"), work.resolve(name + ".log"), Map.of(),
                        "--server", base, "--data-dir", work.resolve(name).toString(),
                        "--enroll", device.get("enrollmentCode").asText(), "--output", "null");
            }
            await("both agents online").atMost(Duration.ofSeconds(60)).until(() ->
                    api.get("/api/devices/" + radio.get("id").asLong()).get("online").asBoolean()
                            && api.get("/api/devices/" + led.get("id").asLong()).get("online").asBoolean());

            Path bulletin = TestMedia.tone(Files.createDirectories(work).resolve("ban-tin.mp3"), Duration.ofSeconds(3), 440);
            long mediaId = api.upload("Bản tin phòng cháy chữa cháy", bulletin).get("id").asLong();
            await("media ready").atMost(Duration.ofSeconds(60))
                    .until(() -> api.get("/api/media/" + mediaId).get("status").asText().equals("READY"));

            LocalDateTime at = LocalDateTime.now(ZONE).plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
            ObjectNode campaign = Http.object();
            campaign.put("title", "Tuyên truyền phòng cháy, chữa cháy").put("legalBasis", "Kế hoạch số 104/KH-UBND")
                    .put("level", "NORMAL").put("startDate", at.toLocalDate().toString()).put("endDate", at.toLocalDate().toString());
            campaign.putObject("targets").putArray("deviceIds").add(radio.get("id").asLong()).add(led.get("id").asLong());
            ObjectNode item = campaign.putArray("items").addObject().put("mediaId", mediaId);
            item.putObject("rule").put("type", "ONCE").put("at", at.toString());
            long campaignId = api.post("/api/campaigns", campaign).get("id").asLong();
            assertEquals("APPROVED", api.post("/api/campaigns/" + campaignId + "/approve", Map.of()).get("status").asText());

            await("two PLAYED logs").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                JsonNode logs = api.get("/api/broadcast-logs?campaignId=" + campaignId);
                return logs.size() == 2 && StreamSupport.stream(logs.spliterator(), false)
                        .allMatch(l -> l.get("status").asText().equals("PLAYED"));
            });
            for (JsonNode log : api.get("/api/broadcast-logs?campaignId=" + campaignId)) {
                Instant scheduled = Instant.parse(log.get("scheduledAt").asText());
                Instant started = Instant.parse(log.get("startedAt").asText());
                assertEquals(at.atZone(ZONE).toInstant(), scheduled);
                long lateMs = Math.abs(Duration.between(scheduled, started).toMillis());
                assertTrue(lateMs < 1000, "device " + log.get("deviceId") + " started " + lateMs + " ms off its time");
                long playedMs = Duration.between(started, Instant.parse(log.get("endedAt").asText())).toMillis();
                assertTrue(Math.abs(playedMs - 3000) < 500, "played for " + playedMs + " ms");
            }
            JsonNode report = api.get("/api/reports/campaigns/" + campaignId);
            assertEquals(2, report.get("planned").asInt());
            assertEquals(2, report.get("aired").asInt());
            assertEquals(0, report.get("missed").asInt());
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
