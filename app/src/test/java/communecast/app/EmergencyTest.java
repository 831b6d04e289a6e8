package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.http.client.HttpClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/emergency over real WebSockets: at once on linked devices, late on one that links inside the window, stopped on demand. */
@MicronautTest
class EmergencyTest extends LiveServerTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    Api admin;
    Api editor;
    long commune;
    long mediaId;

    @BeforeAll
    void world() throws Exception {
        admin = Api.admin(client.toBlocking());
        commune = admin.communeIn("Tỉnh Yên Bái", "YB", "Xã Mồ Dề", "YB-MD");
        admin.post("/api/users", Map.of("username", "bien-tap", "password", "password-123", "role", "EDITOR", "areaId", commune));
        admin.post("/api/users", Map.of("username", "xem", "password", "password-123", "role", "VIEWER", "areaId", commune));
        editor = Api.login(client.toBlocking(), "bien-tap", "password-123");
        mediaId = editor.upload("Báo cháy 114", TestMedia.tone(Files.createTempDirectory("em").resolve("fire.wav"), Duration.ofSeconds(3), 880)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(editor.get("/api/media/" + mediaId).string("status")));
    }

    @Test
    void linkedDevicesGetItAtOnceALateOneInsideTheWindowAndAStopCutsIt() throws Exception {
        String[] linked = device("Đài thôn 1");
        String[] late = device("Đài thôn 2");
        try (AgentClient first = new AgentClient(server.getURI(), linked[1], json)) {
            first.next("welcome", WAIT);
            Instant posted = Instant.now();
            Api.Reply started = editor.post("/api/emergency", Map.of("mediaId", mediaId, "areaIds", List.of(commune), "repeat", 3));
            assertEquals(202, started.status(), started.body().toString());
            long id = started.id();

            List<?> orders = (List<?>) first.next("orders", WAIT).get("orders");
            assertEquals(3, orders.size(), "three repeats");
            Map<?, ?> order = (Map<?, ?>) orders.getFirst();
            assertEquals("EMERGENCY", order.get("level"));
            Instant window = Instant.parse((String) editor.get("/api/emergency/" + id).string("validUntil"));
            assertTrue(orders.stream().allMatch(o -> window.equals(OffsetDateTime.parse((String) ((Map<?, ?>) o).get("playUntil")).toInstant())),
                    "each repeat may begin late until the window closes (" + window + "): " + orders);
            long firstIn = Duration.between(posted, OffsetDateTime.parse((String) order.get("startAt")).toInstant()).toMillis();
            assertTrue(firstIn <= 2500, "the first play starts " + firstIn + " ms after the POST");
            // The delivery is recorded once the write completed, just after the agent may have read it.
            await().atMost(WAIT).until(() -> states(id).equals(Map.of(linked[0], "DELIVERED", late[0], "OFFLINE")));
            assertTrue(editor.list("/api/broadcast-logs?campaignId=" + started.body().get("campaignId")).stream()
                    .allMatch(l -> l.get("playUntil") != null), "every play knows its window from the first dispatch on");
            assertTrue(firstEvent(id).contains("\"state\":\"DELIVERED\""), "the live stream starts with the status now");

            // Late enough to be re-timed: an order at most 1 s late keeps its time (the agent still airs it).
            Instant firstStart = OffsetDateTime.parse((String) order.get("startAt")).toInstant();
            await().atMost(WAIT).until(() -> Instant.now().isAfter(firstStart.plusMillis(1500)));
            try (AgentClient second = new AgentClient(server.getURI(), late[1], json)) {
                second.next("welcome", WAIT);
                Instant linkedAt = Instant.now();
                List<?> lateOrders = (List<?>) second.hello(WAIT).get("orders");
                assertEquals(3, lateOrders.size());
                Instant lateStart = OffsetDateTime.parse((String) ((Map<?, ?>) lateOrders.getFirst()).get("startAt")).toInstant();
                assertTrue(!lateStart.isBefore(linkedAt), "a device that links late airs it from now on: " + lateStart);
            }

            long orderId = ((Number) order.get("orderId")).longValue();
            first.send(Map.of("v", 1, "type", "report", "reportId", orderId + ":PLAYING", "orderId", orderId, "status", "PLAYING",
                    "startedAt", OffsetDateTime.now().toString()));
            await().atMost(WAIT).until(() -> "PLAYING".equals(states(id).get(linked[0])));

            Api.Reply stopped = editor.post("/api/emergency/" + id + "/stop", Map.of());
            assertEquals(200, stopped.status());
            // Two withdrawals, in either order: the plays still to come, and the one on air.
            java.util.Set<Long> withdrawn = new java.util.TreeSet<>();
            for (int i = 0; i < 2; i++) {
                ((List<?>) first.next("withdraw", WAIT).get("orderIds")).forEach(o -> withdrawn.add(((Number) o).longValue()));
            }
            assertEquals(3, withdrawn.size(), "all three plays withdrawn: " + withdrawn);
            assertTrue(withdrawn.contains(orderId), "the play on air is cut too: " + withdrawn);
            assertEquals(409, editor.post("/api/emergency/" + id + "/stop", Map.of()).status(), "already stopped");
            List<String> history = editor.list("/api/campaigns/" + started.body().get("campaignId") + "/history").stream()
                    .map(h -> h.get("action") + " " + h.get("username")).toList();
            assertEquals(List.of("EMERGENCY bien-tap", "CANCELLED bien-tap"), history, "who started it and who stopped it, when");
        }
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        assertEquals(400, editor.post("/api/emergency", Map.of("areaIds", List.of(commune))).status(), "no media");
        assertEquals(400, editor.post("/api/emergency", Map.of("mediaId", mediaId, "areaIds", List.of(commune), "repeat", 0)).status());
        assertEquals(400, editor.post("/api/emergency", Map.of("mediaId", mediaId)).status(), "no target");
        assertEquals(404, editor.post("/api/emergency", Map.of("mediaId", 999999, "areaIds", List.of(commune))).status());
        Api viewer = Api.login(client.toBlocking(), "xem", "password-123");
        assertEquals(403, viewer.post("/api/emergency", Map.of("mediaId", mediaId, "areaIds", List.of(commune))).status());
        assertEquals(404, editor.get("/api/emergency/999999").status());
    }

    /** The first server-sent event of GET /api/emergency/{id}/events, as the UI receives it. */
    private String firstEvent(long id) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/api/emergency/" + id + "/events"))
                .header("Authorization", "Bearer " + editor.tokenForTests()).header("Accept", "text/event-stream").build();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        try (java.util.stream.Stream<String> lines = response.body()) {
            return lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
        }
    }

    private Map<String, String> states(long id) {
        List<?> devices = (List<?>) editor.get("/api/emergency/" + id).body().get("devices");
        return devices.stream().map(d -> (Map<?, ?>) d)
                .collect(java.util.stream.Collectors.toMap(d -> String.valueOf(d.get("deviceId")), d -> (String) d.get("state")));
    }

    /** {id, token} of a new enrolled loudspeaker in the commune. */
    private String[] device(String name) {
        Api.Reply d = admin.post("/api/devices", Map.of("name", name, "areaId", commune, "kind", "RADIO"));
        String token = Api.enroll(client.toBlocking(), d.string("enrollmentCode"));
        return new String[] {String.valueOf(d.id()), token};
    }
}
