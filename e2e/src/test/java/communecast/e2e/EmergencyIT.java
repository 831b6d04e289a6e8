package communecast.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import communecast.media.testing.TestMedia;
import org.junit.jupiter.api.Test;

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
 * Two real agents air a long bulletin; an emergency cuts it on both about a second after the POST (the
 * agents fetch its file first), and both its repeats air on both.
 */
class EmergencyIT {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String ADMIN_PASSWORD = "emergency-pw";
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void anEmergencyCutsTheBulletinOnEveryLoudspeakerAndAllItsRepeatsAir() throws Exception {
        Path work = ROOT.resolve("e2e/target/e2e-" + UUID.randomUUID());
        ServerUnderTest server = ServerUnderTest.in(work, ADMIN_PASSWORD);
        String base = server.base();
        try (Processes processes = new Processes()) {
            server.start(processes, work.resolve("server.log"));
            Http api = server.awaitAdmin();
            long province = api.post("/api/areas", Map.of("name", "Tỉnh Lai Châu", "code", "12", "kind", "PROVINCE")).get("id").asLong();
            long commune = api.post("/api/areas", Map.of("name", "Xã Sì Lở Lầu", "code", "12-001", "kind", "COMMUNE", "parentId", province)).get("id").asLong();
            long[] devices = new long[2];
            for (int i = 0; i < 2; i++) {
                JsonNode radio = api.post("/api/devices", Map.of("name", "Loa thôn " + (i + 1), "areaId", commune, "kind", "RADIO"));
                devices[i] = radio.get("id").asLong();
                processes.jar(ROOT.resolve("player-agent/target/communecast-agent.jar"), work.resolve("agent-" + i + ".log"), Map.of(),
                        "--server", base, "--data-dir", work.resolve("agent-" + i).toString(),
                        "--enroll", radio.get("enrollmentCode").asText(), "--output", "null");
            }
            for (long device : devices) {
                await("agent online").atMost(WAIT).until(() -> api.get("/api/devices/" + device).get("online").asBoolean());
            }
            Files.createDirectories(work);
            long bulletin = api.upload("Bản tin dài", TestMedia.tone(work.resolve("long.wav"), Duration.ofSeconds(40), 440)).get("id").asLong();
            long fire = api.upload("Báo cháy 114", TestMedia.tone(work.resolve("fire.wav"), Duration.ofSeconds(2), 880)).get("id").asLong();
            for (long media : new long[] {bulletin, fire}) {
                await("media ready").atMost(WAIT).until(() -> api.get("/api/media/" + media).get("status").asText().equals("READY"));
            }

            LocalDateTime at = LocalDateTime.now(ZONE).plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
            ObjectNode campaign = Http.object();
            campaign.put("title", "Bản tin buổi sáng").put("level", "NORMAL")
                    .put("startDate", at.toLocalDate().toString()).put("endDate", at.toLocalDate().toString());
            campaign.putObject("targets").putArray("areaIds").add(commune);
            campaign.putArray("items").addObject().put("mediaId", bulletin).putObject("rule").put("type", "ONCE").put("at", at.toString());
            long campaignId = api.post("/api/campaigns", campaign).get("id").asLong();
            api.post("/api/campaigns/" + campaignId + "/approve", Map.of());
            await("the bulletin on air on both").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> statuses(api, campaignId).equals(List.of("PLAYING", "PLAYING")));

            Instant posted = Instant.now();
            long emergency = api.post("/api/emergency", Map.of("mediaId", fire, "areaIds", List.of(commune), "repeat", 2)).get("id").asLong();
            await("the bulletin cut on both").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> statuses(api, campaignId).equals(List.of("PREEMPTED", "PREEMPTED")));
            for (JsonNode log : api.get("/api/broadcast-logs?campaignId=" + campaignId)) {
                long cutAfter = Duration.between(posted, Instant.parse(log.get("endedAt").asText())).toMillis();
                // The bound: planned 0.8 s after the POST (the file fetched meanwhile), 0.2 s of slack.
                assertTrue(cutAfter <= 1000, "device " + log.get("deviceId") + " switched " + cutAfter + " ms after the POST");
                System.out.println("EmergencyIT: device " + log.get("deviceId") + " switched " + cutAfter + " ms after the POST");
            }
            await("both repeats aired on both").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> StreamSupport.stream(api.get("/api/emergency/" + emergency).get("devices").spliterator(), false)
                            .allMatch(d -> d.get("state").asText().equals("PLAYED") && d.get("played").asInt() == 2));
            assertEquals(4, api.get("/api/reports/campaigns/" + api.get("/api/emergency/" + emergency).get("campaignId").asLong())
                    .get("aired").asInt());
        }
    }

    private static List<String> statuses(Http api, long campaignId) {
        return StreamSupport.stream(api.get("/api/broadcast-logs?campaignId=" + campaignId).spliterator(), false)
                .map(l -> l.get("status").asText()).toList();
    }
}
