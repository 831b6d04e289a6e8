package communecast.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's process is killed (kill -9: a power cut, as far as it can tell) in the middle of a play, and
 * started again: the cut play is reported once, as FAILED with its real start; the next play still airs on
 * time; no report is made twice.
 */
class AgentKilledMidPlayIT {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String ADMIN_PASSWORD = "kill-pw";
    /** What the agent's log says each time it keeps a new report in its outbox. */
    static final Pattern REPORT_MADE = Pattern.compile(" Outbox - report (\\d+:[A-Z]+)");

    @Test
    void aPlayCutByAKillIsReportedOnceAndTheNextOneStillAirs() throws Exception {
        Path work = ROOT.resolve("e2e/target/e2e-" + UUID.randomUUID());
        ServerUnderTest server = ServerUnderTest.in(work, ADMIN_PASSWORD);
        String base = server.base();
        Path agentJar = ROOT.resolve("player-agent/target/communecast-agent.jar");
        Path agentData = work.resolve("agent");
        try (Processes processes = new Processes()) {
            server.start(processes, work.resolve("server.log"));
            Http api = server.awaitAdmin();
            long province = api.post("/api/areas", Map.of("name", "Tỉnh Hà Giang", "code", "02", "kind", "PROVINCE")).get("id").asLong();
            long commune = api.post("/api/areas", Map.of("name", "Xã Yên Minh", "code", "02-001", "kind", "COMMUNE", "parentId", province)).get("id").asLong();
            JsonNode radio = api.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO"));
            long deviceId = radio.get("id").asLong();
            Process agent = processes.jar(agentJar, work.resolve("agent-1.log"), Map.of(),
                    "--server", base, "--data-dir", agentData.toString(),
                    "--enroll", radio.get("enrollmentCode").asText(), "--output", "null");
            await("agent online").atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/devices/" + deviceId).get("online").asBoolean());
            Path media = Files.createDirectories(work);
            long longBulletin = api.upload("Bản tin dài", TestMedia.tone(media.resolve("long.mp3"), Duration.ofSeconds(20), 440))
                    .get("id").asLong();
            long shortBulletin = api.upload("Bản tin ngắn", TestMedia.tone(media.resolve("short.mp3"), Duration.ofSeconds(2), 660))
                    .get("id").asLong();
            for (long mediaId : List.of(longBulletin, shortBulletin)) {
                await("media ready").atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/media/" + mediaId).get("status").asText().equals("READY"));
            }

            // The long play is cut a second in; the short one comes after the agent is back.
            LocalDateTime cutAt = LocalDateTime.now(ZONE).plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
            LocalDateTime nextAt = cutAt.plusSeconds(40);
            ObjectNode campaign = Http.object();
            campaign.put("title", "Qua mất điện").put("level", "NORMAL")
                    .put("startDate", cutAt.toLocalDate().toString()).put("endDate", nextAt.toLocalDate().toString());
            campaign.putObject("targets").putArray("deviceIds").add(deviceId);
            ArrayNode items = campaign.putArray("items");
            items.addObject().put("mediaId", longBulletin).putObject("rule").put("type", "ONCE").put("at", cutAt.toString());
            items.addObject().put("mediaId", shortBulletin).putObject("rule").put("type", "ONCE").put("at", nextAt.toString());
            long campaignId = api.post("/api/campaigns", campaign).get("id").asLong();
            api.post("/api/campaigns/" + campaignId + "/approve", Map.of());
            List<JsonNode> logs = logs(api, campaignId);
            assertEquals(2, logs.size(), "two plays planned: " + logs);
            long cut = logs.get(0).get("id").asLong();
            long next = logs.get(1).get("id").asLong();

            await("the long play on air, as the server knows").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> status(api, campaignId, cut).equals("PLAYING"));
            agent.destroyForcibly();
            assertTrue(agent.waitFor(10, TimeUnit.SECONDS), "killed");
            Instant killedAt = Instant.now();
            processes.jar(agentJar, work.resolve("agent-2.log"), Map.of(),
                    "--server", base, "--data-dir", agentData.toString(), "--output", "null");

            await("the cut play reported").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> status(api, campaignId, cut).equals("FAILED"));
            JsonNode cutLog = log(api, campaignId, cut);
            assertEquals("agent stopped during the play", cutLog.get("reason").asText());
            Instant cutStarted = Instant.parse(cutLog.get("startedAt").asText());
            assertTrue(cutStarted.isBefore(killedAt), "its real start, before the kill: " + cutLog);
            await("the next play aired").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> status(api, campaignId, next).equals("PLAYED"));
            long lateMs = Duration.between(nextAt.atZone(ZONE).toInstant(),
                    Instant.parse(log(api, campaignId, next).get("startedAt").asText())).abs().toMillis();
            assertTrue(lateMs < 1000, "the next play aired " + lateMs + " ms off its time");

            // The agent's own log file runs on across both processes.
            List<String> made = reportsMade(agentData.resolve("logs/agent.log"));
            assertEquals(List.of(cut + ":PLAYING", cut + ":FAILED", next + ":PLAYING", next + ":PLAYED"), made,
                    "each report made once, in this order");
            assertEquals(2, logs(api, campaignId).size(), "planned once each");
        }
    }

    /** The campaign's broadcast logs by air time. */
    private static List<JsonNode> logs(Http api, long campaignId) {
        return StreamSupport.stream(api.get("/api/broadcast-logs?campaignId=" + campaignId).spliterator(), false)
                .sorted(Comparator.comparing(l -> Instant.parse(l.get("scheduledAt").asText())))
                .toList();
    }

    private static JsonNode log(Http api, long campaignId, long id) {
        return logs(api, campaignId).stream().filter(l -> l.get("id").asLong() == id).findFirst().orElseThrow();
    }

    private static String status(Http api, long campaignId, long id) {
        return log(api, campaignId, id).get("status").asText();
    }

    private static List<String> reportsMade(Path agentLog) throws Exception {
        List<String> made = new ArrayList<>();
        for (String line : Files.readAllLines(agentLog)) {
            Matcher m = REPORT_MADE.matcher(line);
            if (m.find()) {
                made.add(m.group(1));
            }
        }
        return made;
    }
}
