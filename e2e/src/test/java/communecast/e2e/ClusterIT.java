package communecast.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import communecast.media.testing.TestMedia;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two server nodes on one external MariaDB and one NATS, as a province runs them without a load balancer:
 * the agents link to node B, staff work through node A. Pushes decided on A reach B's agents; B killed
 * with -9, the agents move to A from their server list; A killed before a dispatch trigger fires, B (back
 * again) fires it. Every planned play ends with exactly one final status.
 */
class ClusterIT {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path JAR = ROOT.resolve("app/target/communecast-app.jar");
    static final String ADMIN_PASSWORD = "cluster-pw";
    static final String NATS = "nats://127.0.0.1:4222";
    static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";
    static final Duration WAIT = Duration.ofSeconds(90);
    /** Short, so a campaign's plays a minute ahead wait for a Quartz trigger instead of going out at approval. */
    static final String LEAD = "30s";

    @Test
    void pushesCrossNodesAndAgentsAndTriggersSurviveANodeKilled() throws Exception {
        assumeTrue(answers(4222), "skipped: no NATS on 127.0.0.1:4222 (.ci/run starts one)");
        String database = "cc_cluster_" + UUID.randomUUID().toString().substring(0, 8);
        assumeTrue(createDatabase(database), "skipped: no MariaDB on 127.0.0.1:3306 taking root without a password");
        Path work = ROOT.resolve("e2e/target/e2e-" + UUID.randomUUID());
        Node a = Node.named("node-a", work, database);
        Node b = Node.named("node-b", work, database);
        try (Dropped dropped = () -> dropDatabase(database); Processes processes = new Processes()) {
            Process nodeA = a.start(processes, "1");
            Http api = a.awaitAdmin();
            Process nodeB = b.start(processes, "1");
            b.awaitAdmin();

            long province = api.post("/api/areas", Map.of("name", "Tỉnh Điện Biên", "code", "11", "kind", "PROVINCE")).get("id").asLong();
            long commune = api.post("/api/areas", Map.of("name", "Xã Mường Phăng", "code", "11-001", "kind", "COMMUNE", "parentId", province)).get("id").asLong();
            long[] devices = new long[2];
            for (int i = 0; i < 2; i++) {
                JsonNode radio = api.post("/api/devices", Map.of("name", "Loa bản " + (i + 1), "areaId", commune, "kind", "RADIO"));
                devices[i] = radio.get("id").asLong();
                processes.jar(ROOT.resolve("player-agent/target/communecast-agent.jar"), work.resolve("agent-" + i + ".log"), Map.of(),
                        "--server", b.base() + "," + a.base(), "--data-dir", work.resolve("agent-" + i).toString(),
                        "--enroll", radio.get("enrollmentCode").asText(), "--output", "null");
            }
            for (long device : devices) {
                await("agent linked to node B").atMost(WAIT).until(() -> b.log("1").contains("Device " + device + " connected"));
                await("node A sees it online").atMost(WAIT).until(() -> api.get("/api/devices/" + device).get("online").asBoolean());
            }
            Files.createDirectories(work);
            long bulletin = api.upload("Bản tin dài", TestMedia.tone(work.resolve("long.wav"), Duration.ofSeconds(30), 440)).get("id").asLong();
            long fire = api.upload("Báo lũ quét", TestMedia.tone(work.resolve("flood.wav"), Duration.ofSeconds(2), 880)).get("id").asLong();
            for (long media : new long[] {bulletin, fire}) {
                await("media ready").atMost(WAIT).until(() -> api.get("/api/media/" + media).get("status").asText().equals("READY"));
            }

            // A campaign approved through A airs on B's agents; an emergency POSTed to A cuts it within 1.5 s.
            long morning = approveOnce(api, "Bản tin sáng", commune, bulletin, 12);
            await("the bulletin on air on both").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> statuses(api, morning).equals(List.of("PLAYING", "PLAYING")));
            Instant posted = Instant.now();
            long emergency = api.post("/api/emergency", Map.of("mediaId", fire, "areaIds", List.of(commune), "repeat", 1)).get("id").asLong();
            await("the bulletin cut on both").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> statuses(api, morning).equals(List.of("PREEMPTED", "PREEMPTED")));
            for (JsonNode log : api.get("/api/broadcast-logs?campaignId=" + morning)) {
                long cutAfter = Duration.between(posted, Instant.parse(log.get("endedAt").asText())).toMillis();
                System.out.println("ClusterIT: device " + log.get("deviceId") + " linked to node B switched " + cutAfter + " ms after the POST to node A");
                assertTrue(cutAfter <= 1500, "device " + log.get("deviceId") + " switched " + cutAfter + " ms after the POST");
            }
            await("the emergency aired on both").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> StreamSupport.stream(api.get("/api/emergency/" + emergency).get("devices").spliterator(), false)
                            .allMatch(d -> d.get("state").asText().equals("PLAYED")));

            // A cancel on A withdraws what B's agents hold.
            long noon = approveOnce(api, "Bản tin trưa", commune, fire, 25);
            await("held by both agents").atMost(WAIT).until(() -> delivered(api, noon) == 2);
            api.post("/api/campaigns/" + noon + "/cancel", Map.of());
            for (JsonNode log : api.get("/api/broadcast-logs?campaignId=" + noon)) {
                long order = log.get("id").asLong();
                await("order withdrawn on the agent").atMost(WAIT)
                        .until(() -> agentLogs(work).contains("order " + order + " dropped"));
            }

            // B killed: its agents move to A from their server list, and a play they hold airs on time.
            long evening = approveOnce(api, "Bản tin chiều", commune, fire, 20);
            await("held by both agents").atMost(WAIT).until(() -> delivered(api, evening) == 2);
            nodeB.destroyForcibly().waitFor();
            for (long device : devices) {
                await("agent moved to node A").atMost(WAIT).until(() -> a.log("1").contains("Device " + device + " connected"));
            }
            await("the evening bulletin aired on both").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> statuses(api, evening).equals(List.of("PLAYED", "PLAYED")));
            for (JsonNode log : api.get("/api/broadcast-logs?campaignId=" + evening)) {
                long late = Duration.between(Instant.parse(log.get("scheduledAt").asText()), Instant.parse(log.get("startedAt").asText())).toMillis();
                assertTrue(Math.abs(late) <= 1000, "device " + log.get("deviceId") + " aired " + late + " ms off its time");
            }

            // B back; a campaign approved on A waits for its dispatch trigger, and A dies before it fires.
            Process nodeB2 = b.start(processes, "2");
            Http apiB = b.awaitAdmin();
            long late = approveOnce(api, "Bản tin tối", commune, fire, 75);
            assertEquals(0, statuses(api, late).size(), "nothing dispatched before the trigger (lead " + LEAD + ")");
            nodeA.destroyForcibly().waitFor();
            for (long device : devices) {
                await("agent moved back to node B").atMost(WAIT).until(() -> b.log("2").contains("Device " + device + " connected"));
            }
            await("node B dispatched and both aired it").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> statuses(apiB, late).equals(List.of("PLAYED", "PLAYED")));

            for (long campaign : new long[] {morning, noon, evening, late}) {
                assertEquals(2, apiB.get("/api/broadcast-logs?campaignId=" + campaign).size(), "one play per device, none twice, campaign " + campaign);
            }
            assertEquals(List.of("CANCELLED", "CANCELLED"), statuses(apiB, noon));
            Processes.stop(nodeB2);
        }
    }

    /** A campaign of one ONCE play {@code inSeconds} from now, targeting the commune, approved. */
    private static long approveOnce(Http api, String title, long commune, long mediaId, int inSeconds) {
        LocalDateTime at = LocalDateTime.now(ZONE).plusSeconds(inSeconds).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode campaign = Http.object();
        campaign.put("title", title).put("level", "NORMAL")
                .put("startDate", at.toLocalDate().toString()).put("endDate", at.toLocalDate().toString());
        campaign.putObject("targets").putArray("areaIds").add(commune);
        campaign.putArray("items").addObject().put("mediaId", mediaId).putObject("rule").put("type", "ONCE").put("at", at.toString());
        long id = api.post("/api/campaigns", campaign).get("id").asLong();
        api.post("/api/campaigns/" + id + "/approve", Map.of());
        return id;
    }

    private static List<String> statuses(Http api, long campaignId) {
        return StreamSupport.stream(api.get("/api/broadcast-logs?campaignId=" + campaignId).spliterator(), false)
                .map(l -> l.get("status").asText()).toList();
    }

    private static long delivered(Http api, long campaignId) {
        return StreamSupport.stream(api.get("/api/broadcast-logs?campaignId=" + campaignId).spliterator(), false)
                .filter(l -> !l.path("deliveredAt").isNull() && !l.path("deliveredAt").isMissingNode()).count();
    }

    private static String agentLogs(Path work) throws IOException {
        return Files.readString(work.resolve("agent-0.log")) + Files.readString(work.resolve("agent-1.log"));
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Declared before the nodes, so closed after them (resources close in reverse): dropped once nothing uses it. */
    private interface Dropped extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    private static void dropDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(MARIADB, "root", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    private static boolean createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(MARIADB, "root", "")) {
            c.createStatement().execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** One server node: its own port and name, the shared database, NATS and data directory. */
    record Node(String name, String base, Map<String, String> env, Path work) {
        static Node named(String name, Path work, String database) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Map<String, String> env = new HashMap<>(Map.of(
                    "MICRONAUT_SERVER_PORT", String.valueOf(port),
                    // Media files and screenshots: every node sees the same ones.
                    "COMMUNECAST_DATA_DIR", work.resolve("shared-data").toString(),
                    "COMMUNECAST_ADMIN_PASSWORD", ADMIN_PASSWORD,
                    "DATASOURCES_DEFAULT_URL", MARIADB + database,
                    "DATASOURCES_DEFAULT_USERNAME", "root",
                    "DATASOURCES_DEFAULT_PASSWORD", "",
                    "COMMUNECAST_CLUSTER_NATS_URL", NATS,
                    "COMMUNECAST_NODE_NAME", name,
                    "COMMUNECAST_QUIET_HOURS_FROM", "00:00"));
            env.put("COMMUNECAST_QUIET_HOURS_TO", "00:00");
            env.put("COMMUNECAST_DISPATCH_LEAD_TIME", LEAD);
            return new Node(name, "http://127.0.0.1:" + port, env, work);
        }

        Process start(Processes processes, String run) throws IOException {
            return processes.jar(JAR, logFile(run), env);
        }

        Http awaitAdmin() {
            Http api = new Http(base);
            await(name + " health").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> api.status("/health") == 200);
            api.login("admin", ADMIN_PASSWORD);
            return api;
        }

        String log(String run) throws IOException {
            return Files.readString(logFile(run));
        }

        private Path logFile(String run) {
            return work.resolve(name + "-" + run + ".log");
        }
    }
}
