package communecast.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerts leave the dashboard: a device offline and back, dead air and sound back, a failed play reach a real
 * HTTP receiver (signed, retried in order when it fails) and a real SMTP server; bad subscriptions are refused.
 */
@MicronautTest
class AlertsTest extends LiveServerTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private GreenMail smtp;
    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger flakyCalls = new AtomicInteger();
    Api admin;
    long commune;

    record Received(String path, int answered, String type, String signature, String body) {
    }

    @Override
    public Map<String, String> getProperties() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        Map<String, String> p = new HashMap<>(TestServer.properties());
        p.put("communecast.notify.offline-after", "2s");
        p.put("communecast.notify.check-every", "500ms");
        p.put("communecast.notify.check-first-after", "1s");
        p.put("communecast.notify.deliver-every", "500ms");
        p.put("communecast.notify.deliver-first-after", "1s");
        p.put("communecast.notify.retry-first-after", "1s");
        p.put("communecast.notify.retry-at-most", "2s");
        p.put("communecast.smtp.host", "127.0.0.1");
        p.put("communecast.smtp.port", Integer.toString(smtp.getSmtp().getPort()));
        p.put("communecast.smtp.security", "NONE");
        p.put("communecast.smtp.from", "canh-bao@communecast.test");
        return p;
    }

    @BeforeAll
    void world() throws IOException {
        admin = Api.admin(client.toBlocking());
        commune = admin.communeIn("Tỉnh Lai Châu", "LC", "Xã Bản Hon", "LC-BH");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int answer = path.equals("/flaky") && flakyCalls.incrementAndGet() <= 3 ? 503 : 200;
            received.add(new Received(path, answer, exchange.getRequestHeaders().getFirst("X-CommuneCast-Event"),
                    exchange.getRequestHeaders().getFirst("X-CommuneCast-Signature"), new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    void stop() {
        receiver.stop(0);
        smtp.stop();
    }

    @Test
    void aDeviceOfflineAndBackIsSignedToTheWebhookAndMailed() throws Exception {
        Api.Reply hook = admin.post("/api/webhooks", Map.of("url", url("/signed"), "events", List.of("device.offline", "device.online")));
        assertEquals(201, hook.status(), hook::toString);
        String secret = hook.string("secret");
        assertEquals(64, secret.length());
        Api.Reply mail = admin.post("/api/alert-emails", Map.of("email", "vanhoa@banhon.gov.vn", "areaId", commune));
        assertEquals(201, mail.status(), mail::toString);
        assertEquals(true, mail.body().get("smtpConfigured"));

        Api.Reply device = admin.post("/api/devices", Map.of("name", "Đài xã Bản Hon", "areaId", commune, "kind", "RADIO"));
        String token = Api.enroll(client.toBlocking(), device.string("enrollmentCode"));
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", WAIT);
            agent.hello(WAIT);
        }
        Map<String, Object> offline = event("/signed", "device.offline", device.id());
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", WAIT);
            agent.hello(WAIT);
            Map<String, Object> online = event("/signed", "device.online", device.id());

            assertEquals(documented("device.offline").keySet(), offline.keySet(), "as docs/integration.md shows it");
            assertEquals("LC-BH", ((Map<?, ?>) offline.get("area")).get("code"));
            assertEquals("Đài xã Bản Hon", ((Map<?, ?>) offline.get("device")).get("name"));
            assertTrue(((String) offline.get("text")).startsWith("Đài xã Bản Hon (Xã Bản Hon) mất kết nối từ "), offline.toString());
            assertTrue(((String) offline.get("at")).endsWith("+07:00"), "times in the configured zone: " + offline);
            assertTrue(((String) online.get("text")).contains("đã kết nối lại lúc"), online.toString());
            assertTrue(((Number) online.get("id")).longValue() > ((Number) offline.get("id")).longValue());
            for (Received r : received.stream().filter(r -> r.path().equals("/signed")).toList()) {
                assertEquals(hmac(secret, r.body()), r.signature(), "the body is signed with the webhook's secret");
            }
        }
        await().atMost(WAIT).until(() -> mailed().contains("đã kết nối lại"));
        String mailbox = mailed();
        assertTrue(mailbox.contains("Đài xã Bản Hon (Xã Bản Hon) mất kết nối từ"), mailbox);
        MimeMessage first = smtp.getReceivedMessages()[0];
        assertEquals("vanhoa@banhon.gov.vn", first.getAllRecipients()[0].toString());
        assertTrue(first.getSubject().startsWith("[CommuneCast] "), first.getSubject());

        List<Map<String, Object>> log = admin.list("/api/webhooks/" + hook.id() + "/deliveries");
        assertTrue(log.stream().filter(d -> d.get("type").equals("device.offline") || d.get("type").equals("device.online"))
                .allMatch(d -> d.get("status").equals("DELIVERED") && ((Number) d.get("lastStatus")).intValue() == 200), log.toString());
        assertEquals(204, admin.exchange(io.micronaut.http.HttpRequest.DELETE("/api/webhooks/" + hook.id())).status());
        assertEquals(404, admin.get("/api/webhooks/" + hook.id()).status());
        assertEquals(204, admin.exchange(io.micronaut.http.HttpRequest.DELETE("/api/alert-emails/" + mail.id())).status());
    }

    /** The receiver fails three times: dead air arrives on the fourth try, and sound back only after it. */
    @Test
    void aFailingReceiverGetsEveryAlertInOrderOnceItAnswers() throws Exception {
        Api.Reply hook = admin.post("/api/webhooks", Map.of("url", url("/flaky"), "events", List.of("device.dead_air", "device.sound_back"),
                "areaId", commune));
        assertEquals(201, hook.status(), hook::toString);
        Api.Reply device = admin.post("/api/devices", Map.of("name", "Đài thôn 3", "areaId", commune, "kind", "RADIO"));
        String token = Api.enroll(client.toBlocking(), device.string("enrollmentCode"));
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", WAIT);
            agent.hello(WAIT);
            agent.send(beat(31, true));
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(admin.get("/api/devices/" + device.id()).body().get("deadAir")));
            await().atMost(WAIT).until(() -> flakyCalls.get() >= 1);
            agent.send(beat(0, false));
            event("/flaky", "device.sound_back", device.id());
        }
        List<Received> flaky = received.stream().filter(r -> r.path().equals("/flaky")).toList();
        assertEquals(List.of("device.dead_air:503", "device.dead_air:503", "device.dead_air:503", "device.dead_air:200",
                "device.sound_back:200"), flaky.stream().map(r -> r.type() + ":" + r.answered()).toList());
        List<Map<String, Object>> log = admin.list("/api/webhooks/" + hook.id() + "/deliveries");
        Map<String, Object> deadAir = log.stream().filter(d -> d.get("type").equals("device.dead_air")).findFirst().orElseThrow();
        assertEquals("DELIVERED", deadAir.get("status"));
        assertEquals(4, ((Number) deadAir.get("attempts")).intValue());
        assertEquals("đang phát im lặng (31 giây)", text(flaky.get(3)).replaceFirst("^.*\\) ", "").replace(".", ""));
    }

    @Test
    void aFailedPlayIsAnnouncedOnce() throws Exception {
        Api.Reply hook = admin.post("/api/webhooks", Map.of("url", url("/failed"), "events", List.of("broadcast.failed")));
        long mediaId = admin.upload("Bản tin phòng cháy", TestMedia.tone(Files.createTempDirectory("alerts").resolve("pccc.mp3"),
                Duration.ofSeconds(2), 440)).id();
        await().atMost(WAIT).until(() -> "READY".equals(admin.get("/api/media/" + mediaId).string("status")));
        Api.Reply device = admin.post("/api/devices", Map.of("name", "Đài thôn 5", "areaId", commune, "kind", "RADIO"));
        String token = Api.enroll(client.toBlocking(), device.string("enrollmentCode"));
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", WAIT);
            agent.hello(WAIT);
            LocalDateTime at = LocalDateTime.now(ZONE).plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
            long campaign = admin.post("/api/campaigns", TestCampaigns.once(mediaId, at, List.of(device.id()))).id();
            admin.post("/api/campaigns/" + campaign + "/approve", Map.of());
            Map<?, ?> order = (Map<?, ?>) ((List<?>) agent.next("orders", WAIT).get("orders")).getFirst();
            long orderId = ((Number) order.get("orderId")).longValue();
            Map<String, Object> report = new HashMap<>(Map.of("v", 1, "type", "report", "reportId", orderId + ":FAILED",
                    "orderId", orderId, "status", "FAILED", "endedAt", OffsetDateTime.now(ZONE).toString(),
                    "reason", "không mở được loa: audio device busy"));
            assertEquals(true, agent.ask(report, "ack", m -> true, WAIT).get("accepted"));
            Map<String, Object> failed = event("/failed", "broadcast.failed", device.id());
            assertEquals(documented("broadcast.failed").keySet(), failed.keySet(), "as docs/integration.md shows it");
            Map<?, ?> play = (Map<?, ?>) failed.get("play");
            assertEquals(((Map<?, ?>) documented("broadcast.failed").get("play")).keySet(), play.keySet());
            assertEquals(campaign, ((Number) play.get("campaignId")).longValue());
            assertEquals("không mở được loa: audio device busy", play.get("reason"));
            assertTrue(((String) failed.get("text")).contains("không phát được «Tuyên truyền PCCC»"), failed.toString());
            agent.send(report);
            agent.next("ack", WAIT);
        }
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> events("/failed", "broadcast.failed", device.id()).size() == 1);
        admin.exchange(io.micronaut.http.HttpRequest.DELETE("/api/webhooks/" + hook.id()));
    }

    @Test
    void badSubscriptionsAreRefusedAndAnUnreachableReceiverKeepsItsDeliveriesPending() throws Exception {
        assertEquals("UNKNOWN_EVENT", admin.post("/api/webhooks", Map.of("url", url("/country"), "events", List.of("device.exploded")))
                .string("code"));
        assertEquals("MISSING_FIELD", admin.post("/api/webhooks", Map.of("url", url("/country"))).string("code"));
        assertEquals("INVALID_URL", admin.post("/api/webhooks", Map.of("url", "ftp://x", "events", List.of("device.offline")))
                .string("code"));
        assertEquals("INVALID_EMAIL", admin.post("/api/alert-emails", Map.of("email", "không phải thư")).string("code"));
        assertEquals(404, admin.get("/api/webhooks/987654").status());

        long other = admin.communeIn("Tỉnh Hà Giang", "HG", "Xã Lũng Cú", "HG-LC");
        admin.post("/api/users", Map.of("username", "admin-lc", "password", "mat-khau-dai-1", "role", "ADMIN", "areaId", commune));
        admin.post("/api/users", Map.of("username", "bientap-lc", "password", "mat-khau-dai-1", "role", "EDITOR", "areaId", commune));
        Api communeAdmin = Api.login(client.toBlocking(), "admin-lc", "mat-khau-dai-1");
        Api editor = Api.login(client.toBlocking(), "bientap-lc", "mat-khau-dai-1");
        assertEquals(403, editor.post("/api/webhooks", Map.of("url", url("/country"), "events", List.of("device.offline"))).status());
        assertEquals(403, communeAdmin.post("/api/webhooks", Map.of("url", url("/country"), "events", List.of("device.offline"),
                "areaId", other)).status(), "not for another province");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Api.Reply dead = communeAdmin.post("/api/webhooks", Map.of("url", "http://127.0.0.1:" + closedPort + "/hook",
                "events", List.of("device.offline")));
        assertEquals(commune, ((Number) dead.body().get("areaId")).longValue(), "a commune admin's webhook is for their commune");
        Api.Reply hook = admin.post("/api/webhooks", Map.of("url", url("/country"), "events", List.of("device.offline")));
        assertEquals(403, communeAdmin.get("/api/webhooks/" + hook.id()).status(), "a country-wide webhook is not theirs");

        Api.Reply away = admin.post("/api/devices", Map.of("name", "Đài Lũng Cú", "areaId", other, "kind", "RADIO"));
        Api.Reply near = admin.post("/api/devices", Map.of("name", "Đài thôn 7", "areaId", commune, "kind", "RADIO"));
        for (Api.Reply d : List.of(away, near)) {
            try (AgentClient agent = new AgentClient(server.getURI(), Api.enroll(client.toBlocking(), d.string("enrollmentCode")), json)) {
                agent.next("welcome", WAIT);
                agent.hello(WAIT);
            }
        }
        long awayEvent = ((Number) event("/country", "device.offline", away.id()).get("id")).longValue();
        long nearEvent = ((Number) event("/country", "device.offline", near.id()).get("id")).longValue();
        await().atMost(WAIT).until(() -> communeAdmin.list("/api/webhooks/" + dead.id() + "/deliveries").stream()
                .anyMatch(d -> ((Number) d.get("attempts")).intValue() >= 2));
        List<Map<String, Object>> pending = communeAdmin.list("/api/webhooks/" + dead.id() + "/deliveries");
        List<Long> events = pending.stream().map(d -> ((Number) d.get("eventId")).longValue()).toList();
        assertTrue(events.contains(nearEvent) && !events.contains(awayEvent), "only its commune's devices: " + pending);
        assertTrue(pending.stream().allMatch(d -> d.get("status").equals("PENDING")), pending.toString());
        assertTrue(((String) pending.getFirst().get("lastError")).startsWith("no answer from the receiver"), pending.toString());

        assertEquals(204, communeAdmin.exchange(io.micronaut.http.HttpRequest.DELETE("/api/webhooks/" + dead.id())).status());
        assertEquals(404, admin.get("/api/webhooks/" + dead.id()).status(), "deleted");
        admin.exchange(io.micronaut.http.HttpRequest.DELETE("/api/webhooks/" + hook.id()));
    }

    /** The example body of this type in docs/integration.md. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> documented(String type) throws IOException {
        for (String line : Files.readAllLines(Path.of("..", "docs", "integration.md"))) {
            if (line.startsWith("{") && line.contains("\"type\":\"" + type + "\"")) {
                return json.readValue(line, Map.class);
            }
        }
        throw new IllegalStateException("docs/integration.md has no example of " + type);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    /** The event of this type for this device, once the receiver took it. */
    private Map<String, Object> event(String path, String type, long deviceId) {
        await().atMost(WAIT).until(() -> !events(path, type, deviceId).isEmpty());
        return events(path, type, deviceId).getFirst();
    }

    private List<Map<String, Object>> events(String path, String type, long deviceId) {
        return received.stream().filter(r -> r.path().equals(path) && r.answered() == 200 && type.equals(r.type()))
                .map(this::body).filter(b -> ((Number) ((Map<?, ?>) b.get("device")).get("id")).longValue() == deviceId)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(Received r) {
        try {
            return json.readValue(r.body(), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String text(Received r) {
        return (String) body(r).get("text");
    }

    private String mailed() throws Exception {
        StringBuilder all = new StringBuilder();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            all.append(m.getSubject()).append('\n').append(m.getContent()).append('\n');
        }
        return all.toString();
    }

    private static Map<String, Object> beat(long silenceSeconds, boolean deadAir) {
        Map<String, Object> beat = new HashMap<>(Map.of("v", 1, "type", "heartbeat", "sentAt", OffsetDateTime.now().toString(),
                "agentVersion", "0.2.0", "silenceSeconds", silenceSeconds, "deadAir", deadAir));
        if (deadAir) {
            beat.put("playingOrderId", 9);
        }
        return beat;
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
