package communecast.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import communecast.media.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Edits reach the real agent: a DAILY time moved by an approved revision, another approved while the agent
 * is offline, a pause, a resume, a cancel. After each, the orders the agent holds on disk are exactly the
 * server's pending plays — same ids, same times.
 */
class EditPropagationIT {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String ADMIN_PASSWORD = "edit-pw";
    static final Duration WAIT = Duration.ofSeconds(60);

    Path work;
    Http api;
    long deviceId;
    long mediaId;

    @Test
    void heldOrdersFollowEveryEditPauseAndCancel() throws Exception {
        work = ROOT.resolve("e2e/target/e2e-" + UUID.randomUUID());
        ServerUnderTest server = ServerUnderTest.in(work, ADMIN_PASSWORD);
        String base = server.base();
        Path agentJar = ROOT.resolve("player-agent/target/communecast-agent.jar");
        try (Processes processes = new Processes()) {
            server.start(processes, work.resolve("server.log"));
            api = server.awaitAdmin();
            long province = api.post("/api/areas", Map.of("name", "Tỉnh Hà Giang", "code", "02", "kind", "PROVINCE")).get("id").asLong();
            long commune = api.post("/api/areas", Map.of("name", "Xã Lũng Cú", "code", "02-001", "kind", "COMMUNE", "parentId", province)).get("id").asLong();
            JsonNode radio = api.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO"));
            deviceId = radio.get("id").asLong();
            Process agent = processes.jar(agentJar, work.resolve("agent-1.log"), Map.of(),
                    "--server", base, "--data-dir", work.resolve("agent").toString(),
                    "--enroll", radio.get("enrollmentCode").asText(), "--output", "null");
            await("agent online").atMost(WAIT).until(() -> api.get("/api/devices/" + deviceId).get("online").asBoolean());
            mediaId = api.upload("Bản tin", TestMedia.tone(Files.createDirectories(work).resolve("b.wav"), Duration.ofSeconds(1), 440))
                    .get("id").asLong();
            await("media ready").atMost(WAIT).until(() -> api.get("/api/media/" + mediaId).get("status").asText().equals("READY"));

            LocalTime now = LocalTime.now(ZONE).truncatedTo(ChronoUnit.MINUTES);
            String t10 = now.plusMinutes(10).toString();
            String t15 = now.plusMinutes(15).toString();
            String t20 = now.plusMinutes(20).toString();
            String t25 = now.plusMinutes(25).toString();
            long id = api.post("/api/campaigns", daily(List.of(t10, t20))).get("id").asLong();
            api.post("/api/campaigns/" + id + "/approve", Map.of());
            agentHolds(id, Set.of(t10, t20));

            api.put("/api/campaigns/" + id, daily(List.of(t15, t20)));
            api.post("/api/campaigns/" + id + "/approve", Map.of());
            agentHolds(id, Set.of(t15, t20));

            Processes.stop(agent);
            await("agent offline").atMost(WAIT).until(() -> !api.get("/api/devices/" + deviceId).get("online").asBoolean());
            api.put("/api/campaigns/" + id, daily(List.of(t15, t25)));
            api.post("/api/campaigns/" + id + "/approve", Map.of());
            processes.jar(agentJar, work.resolve("agent-2.log"), Map.of(),
                    "--server", base, "--data-dir", work.resolve("agent").toString(), "--output", "null");
            agentHolds(id, Set.of(t15, t25));

            api.post("/api/campaigns/" + id + "/pause", Map.of());
            agentHolds(id, Set.of());
            api.post("/api/campaigns/" + id + "/resume", Map.of());
            agentHolds(id, Set.of(t15, t25));
            api.post("/api/campaigns/" + id + "/cancel", Map.of());
            agentHolds(id, Set.of());
        }
    }

    /** The agent's held orders (in its database) are the server's pending plays, at these local times. */
    private void agentHolds(long campaignId, Set<String> times) {
        // Exceptions ignored: a restarted agent may be creating its database.
        await("agent holds " + times).atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            Map<Long, String> held = heldOrders();
            assertEquals(pendingPlays(campaignId), held.keySet(), "held order ids are the pending logs");
            assertEquals(new TreeSet<>(times), new TreeSet<>(held.values()), "held at the planned times");
        });
    }

    /** Read beside the running agent, read-only: its database is in WAL mode, so neither waits for the other. */
    private Map<Long, String> heldOrders() throws SQLException {
        Path database = work.resolve("agent/agent.db");
        if (!Files.exists(database)) {
            return Map.of();
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        Map<Long, String> held = new HashMap<>();
        try (Connection connection = readOnly.createConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT order_id, start_at FROM held_order")) {
            while (rows.next()) {
                held.put(rows.getLong("order_id"),
                        OffsetDateTime.parse(rows.getString("start_at")).atZoneSameInstant(ZONE).toLocalTime().toString());
            }
        }
        return held;
    }

    private Set<Long> pendingPlays(long campaignId) {
        return StreamSupport.stream(api.get("/api/broadcast-logs?campaignId=" + campaignId).spliterator(), false)
                .filter(l -> l.get("status").asText().equals("PENDING")).map(l -> l.get("id").asLong())
                .collect(Collectors.toSet());
    }

    private ObjectNode daily(List<String> times) {
        LocalDate today = LocalDate.now(ZONE);
        ObjectNode campaign = Http.object();
        campaign.put("title", "Lịch phát hằng ngày").put("level", "NORMAL")
                .put("startDate", today.toString()).put("endDate", today.plusDays(5).toString());
        campaign.putObject("targets").putArray("deviceIds").add(deviceId);
        ObjectNode rule = campaign.putArray("items").addObject().put("mediaId", mediaId).putObject("rule").put("type", "DAILY");
        times.forEach(rule.putArray("times")::add);
        return campaign;
    }
}
