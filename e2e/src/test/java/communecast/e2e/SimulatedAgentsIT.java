package communecast.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import communecast.media.testing.TestMedia;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;

/**
 * The agent's --simulate mode, which the fan-out benchmark runs by the thousand: virtual agents in one process
 * each enroll with their own code, link and air an emergency; started again without codes, each links again
 * with the token it kept in its own store.
 */
class SimulatedAgentsIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path AGENT_JAR = ROOT.resolve("player-agent/target/communecast-agent.jar");
    static final int AGENTS = 20;
    static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void virtualAgentsEachEnrollAirAnEmergencyAndLinkAgainFromTheirOwnStores() throws Exception {
        Path work = ROOT.resolve("e2e/target/e2e-" + UUID.randomUUID());
        ServerUnderTest server = ServerUnderTest.in(work, "simulate-pw");
        try (Processes processes = new Processes()) {
            server.start(processes, work.resolve("server.log"));
            Http api = server.awaitAdmin();
            long province = api.post("/api/areas", Map.of("name", "Tỉnh Điện Biên", "code", "11", "kind", "PROVINCE")).get("id").asLong();
            long commune = api.post("/api/areas", Map.of("name", "Xã Mường Nhé", "code", "11-001", "kind", "COMMUNE", "parentId", province)).get("id").asLong();
            List<Long> devices = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            for (int i = 1; i <= AGENTS; i++) {
                JsonNode radio = api.post("/api/devices", Map.of("name", "Loa bản " + i, "areaId", commune, "kind", "RADIO"));
                devices.add(radio.get("id").asLong());
                codes.add(radio.get("enrollmentCode").asText());
            }
            Path dataDir = work.resolve("agents");
            Process agents = processes.jar(AGENT_JAR, work.resolve("agents-1.log"), Map.of(), "--server", server.base(),
                    "--data-dir", dataDir.toString(), "--output", "null", "--simulate", String.valueOf(AGENTS),
                    "--enroll", String.join(",", codes));
            await("every virtual agent online").atMost(WAIT).until(() -> online(api, devices) == AGENTS);

            Files.createDirectories(work);
            long fire = api.upload("Báo cháy 114", TestMedia.tone(work.resolve("fire.wav"), Duration.ofSeconds(2), 880)).get("id").asLong();
            await("media ready").atMost(WAIT).until(() -> api.get("/api/media/" + fire).get("status").asText().equals("READY"));
            long emergency = api.post("/api/emergency", Map.of("mediaId", fire, "areaIds", List.of(commune), "repeat", 1)).get("id").asLong();
            await("aired on every virtual agent").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> StreamSupport.stream(api.get("/api/emergency/" + emergency).get("devices").spliterator(), false)
                            .filter(d -> d.get("state").asText().equals("PLAYED") && d.get("played").asInt() == 1).count() == AGENTS);

            Processes.stop(agents);
            await("every link closed").atMost(WAIT).until(() -> online(api, devices) == 0);
            processes.jar(AGENT_JAR, work.resolve("agents-2.log"), Map.of(), "--server", server.base(),
                    "--data-dir", dataDir.toString(), "--output", "null", "--simulate", String.valueOf(AGENTS));
            await("every virtual agent back with its own token").atMost(WAIT).until(() -> online(api, devices) == AGENTS);
        }
    }

    private static long online(Http api, List<Long> devices) {
        return devices.stream().filter(id -> api.get("/api/devices/" + id).get("online").asBoolean()).count();
    }
}
