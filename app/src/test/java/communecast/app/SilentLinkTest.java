package communecast.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A device that stops sending heartbeats is offline and its link closed; every coming and going is an event. */
@MicronautTest
class SilentLinkTest extends LiveServerTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    Api admin;
    long commune;

    /** Heartbeats due every 2 s here, so three missed ones take 6 s. */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.put("communecast.agent.heartbeat-every", "2s");
        p.put("communecast.agent.silence-check-every", "500ms");
        return p;
    }

    @BeforeAll
    void world() {
        admin = Api.admin(client.toBlocking());
        commune = admin.communeIn("Tỉnh Sơn La", "SL", "Xã Chiềng Ngần", "SL-CN");
    }

    @Test
    void aSilentLinkIsClosedAndEveryComingAndGoingIsRecorded() throws Exception {
        Device device = device("Đài xã 3");
        AgentClient quiet = new AgentClient(server.getURI(), device.token, json);
        quiet.next("welcome", WAIT);
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(admin.get("/api/devices/" + device.id).body().get("online")));
        // No heartbeat for three periods (6 s here): offline, and the server closes the link.
        quiet.closedByServer().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> Boolean.FALSE.equals(admin.get("/api/devices/" + device.id).body().get("online")));

        try (AgentClient agent = new AgentClient(server.getURI(), device.token, json)) {
            agent.next("welcome", WAIT);
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(admin.get("/api/devices/" + device.id).body().get("online")));
        }
        await().atMost(WAIT).until(() -> events(device).size() == 4);
        assertEquals(List.of("OFFLINE link closed", "ONLINE link opened", "OFFLINE no heartbeat for 6 s", "ONLINE link opened"), events(device));
    }

    private List<String> events(Device device) {
        return admin.list("/api/devices/" + device.id + "/events").stream().map(e -> e.get("kind") + " " + e.get("reason")).toList();
    }

    private Device device(String name) {
        Api.Reply d = admin.post("/api/devices", Map.of("name", name, "areaId", commune, "kind", "RADIO"));
        String token = Api.enroll(client.toBlocking(), d.string("enrollmentCode"));
        return new Device(d.id(), token);
    }

    private record Device(long id, String token) {
    }
}
