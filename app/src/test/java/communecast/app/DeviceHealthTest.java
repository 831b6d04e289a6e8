package communecast.app;

import io.micronaut.http.client.HttpClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heartbeats, the clock exchange, dead air and remote commands, over a real WebSocket. */
@MicronautTest
class DeviceHealthTest extends LiveServerTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    Api admin;
    long commune;

    @BeforeAll
    void world() {
        admin = Api.admin(client.toBlocking());
        commune = admin.communeIn("Tỉnh Sơn La", "SL", "Xã Chiềng Ngần", "SL-CN");
    }

    @Test
    void aHeartbeatIsShownAndAClockMoreThanTwoSecondsOffIsFlagged() throws Exception {
        Device device = device("Đài xã 1");
        try (AgentClient agent = new AgentClient(server.getURI(), device.token, json)) {
            agent.next("welcome", WAIT);
            Map<String, Object> beat = new HashMap<>(Map.of("v", 1, "type", "heartbeat", "sentAt", OffsetDateTime.now().toString(),
                    "agentVersion", "0.2.0", "uptimeSeconds", 3600, "nextOrderId", 55, "cacheBytes", 1048576,
                    "freeDiskBytes", 987654321, "clockOffsetMs", 3500, "lastError", "download failed (HTTP 503)"));
            beat(agent, beat);
            await().atMost(WAIT).until(() -> "0.2.0".equals(admin.get("/api/devices/" + device.id).string("agentVersion")));
            Map<String, Object> shown = admin.get("/api/devices/" + device.id).body();
            assertEquals(List.of(3600, 55, 1048576, 987654321, 3500), List.of(shown.get("uptimeSeconds"), shown.get("nextOrderId"),
                    shown.get("cacheBytes"), shown.get("freeDiskBytes"), shown.get("clockOffsetMs")));
            assertEquals("download failed (HTTP 503)", shown.get("lastError"));
            assertEquals(false, shown.get("clockOk"), "3.5 s off is flagged");

            beat.put("clockOffsetMs", -800);
            beat(agent, beat);
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(admin.get("/api/devices/" + device.id).body().get("clockOk")));

            beat.putAll(Map.of("playingOrderId", 9, "silenceSeconds", 31, "deadAir", true));
            beat(agent, beat);
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(admin.get("/api/devices/" + device.id).body().get("deadAir")));
            beat(agent, beat);
            beat.putAll(Map.of("silenceSeconds", 0, "deadAir", false));
            beat(agent, beat);
            await().atMost(WAIT).until(() -> Boolean.FALSE.equals(admin.get("/api/devices/" + device.id).body().get("deadAir")));
            assertEquals(List.of("DEAD_AIR silence on air for 31 s during order 9"), events(device).stream()
                    .filter(e -> e.startsWith("DEAD_AIR")).toList(), "one alert per stretch of dead air");
        }
    }

    @Test
    void theServerAnswersATimeRequestWithItsClock() throws Exception {
        Device device = device("Đài xã 2");
        try (AgentClient agent = new AgentClient(server.getURI(), device.token, json)) {
            agent.next("welcome", WAIT);
            OffsetDateTime t0 = OffsetDateTime.parse("2026-01-01T00:00:00Z");
            Instant before = Instant.now();
            Map<String, Object> reply = agent.ask(Map.of("v", 1, "type", "timeRequest", "t0", t0.toString()), "timeReply", m -> true, WAIT);
            Instant t1 = OffsetDateTime.parse((String) reply.get("t1")).toInstant();
            Instant t2 = OffsetDateTime.parse((String) reply.get("t2")).toInstant();
            assertEquals(t0.toInstant(), OffsetDateTime.parse((String) reply.get("t0")).toInstant(), "t0 comes back as sent");
            assertFalse(t1.isBefore(before.minusSeconds(1)) || t1.isAfter(Instant.now()), "t1 is the server's now: " + t1);
            assertFalse(t2.isBefore(t1), "t2 " + t2 + " follows t1 " + t1);
        }
    }

    @Test
    void commandsReachTheLinkedAgentAndItsAnswerIsKept() throws Exception {
        Device radio = device("Đài xã 4");
        assertEquals(409, admin.post("/api/devices/" + radio.id + "/commands", Map.of("name", "RESYNC")).status(), "offline: said so, nothing queued");
        try (AgentClient agent = new AgentClient(server.getURI(), radio.token, json)) {
            agent.next("welcome", WAIT);
            Api.Reply sent = admin.post("/api/devices/" + radio.id + "/commands", Map.of("name", "SET_VOLUME", "volume", 0.8));
            assertEquals(202, sent.status());
            assertEquals("SENT", sent.string("status"));
            Map<String, Object> command = agent.next("command", WAIT);
            assertEquals(List.of(sent.id(), "SET_VOLUME", 0.8), List.of(((Number) command.get("commandId")).longValue(), command.get("name"), command.get("volume")));
            agent.send(Map.of("v", 1, "type", "commandResult", "commandId", sent.id(), "ok", true, "message", "volume set to 0.80"));
            await().atMost(WAIT).until(() -> "DONE".equals(admin.get("/api/devices/" + radio.id + "/commands/" + sent.id()).string("status")));
            assertEquals("volume set to 0.80", admin.get("/api/devices/" + radio.id + "/commands/" + sent.id()).string("message"));

            assertEquals(400, admin.post("/api/devices/" + radio.id + "/commands", Map.of("name", "SET_VOLUME", "volume", 3)).status());
            assertEquals(400, admin.post("/api/devices/" + radio.id + "/commands", Map.of("name", "SCREENSHOT")).status(), "a loudspeaker has no screen");
            assertEquals(400, admin.post("/api/devices/" + radio.id + "/commands", Map.of("name", "REBOOT")).status());
        }
    }

    @Test
    void anLedUploadsTheScreenshotItWasAskedFor() throws Exception {
        Api.Reply d = admin.post("/api/devices", Map.of("name", "Màn hình LED chợ", "areaId", commune, "kind", "LED", "screenWidth", 384, "screenHeight", 192));
        String token = Api.enroll(client.toBlocking(), d.string("enrollmentCode"));
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", WAIT);
            long id = admin.post("/api/devices/" + d.id() + "/commands", Map.of("name", "SCREENSHOT")).id();
            agent.next("command", WAIT);
            byte[] png = png(384, 192);
            java.net.http.HttpResponse<String> upload = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            server.getURI().resolve("/agent/commands/" + id + "/screenshot")).header("Authorization", "Device " + token)
                    .header("Content-Type", "image/png").PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(png)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(204, upload.statusCode(), upload.body());
            agent.send(Map.of("v", 1, "type", "commandResult", "commandId", id, "ok", true, "message", "384x192"));
            await().atMost(WAIT).until(() -> "DONE".equals(admin.get("/api/devices/" + d.id() + "/commands/" + id).string("status")));
            byte[] stored = client.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/api/devices/" + d.id() + "/commands/" + id + "/screenshot")
                    .bearerAuth(admin.tokenForTests()), byte[].class);
            assertEquals(java.util.Arrays.toString(png), java.util.Arrays.toString(stored));
        }
    }

    private static byte[] png(int width, int height) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    /** The same heartbeat, sent now: each one the agent sends carries its own time. */
    /**
     * Each beat a millisecond after the one before at least, as a real agent's (30 s apart): the server orders
     * beats by their sentAt, which it keeps to the millisecond, and may handle two from one link at once.
     */
    private static void beat(AgentClient agent, Map<String, Object> beat) {
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MILLIS);
        OffsetDateTime sent = lastSent == null || now.isAfter(lastSent) ? now : lastSent.plusNanos(1_000_000);
        lastSent = sent;
        beat.put("sentAt", sent.toString());
        agent.send(beat);
    }

    private static OffsetDateTime lastSent;

    private List<String> events(Device device) {
        return admin.list("/api/devices/" + device.id + "/events").stream().map(e -> e.get("kind") + " " + e.get("reason")).toList();
    }

    private Device device(String name) {
        Api.Reply d = admin.post("/api/devices", Map.of("name", name, "areaId", commune, "kind", "RADIO"));
        String token = Api.enroll(client.toBlocking(), d.string("enrollmentCode"));
        assertTrue(token != null && !token.isBlank());
        return new Device(d.id(), token);
    }

    private record Device(long id, String token) {
    }
}
