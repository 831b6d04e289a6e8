package communecast.app;

import communecast.media.Sha256;
import communecast.media.testing.TestMedia;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Approval → Quartz → PENDING logs → orders pushed over a real WebSocket; reports → acks → broadcast logs
 * and the campaign report; cancel → withdraw; silence → MISSED. The test speaks protocol v1 by hand.
 */
@MicronautTest
class DispatchFlowTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Duration WAIT = Duration.ofSeconds(30);

    Api admin;
    long commune;
    long mediaId;
    Path mediaFile;

    @BeforeAll
    void world() throws Exception {
        admin = Api.admin(client.toBlocking());
        commune = admin.communeIn("Tỉnh Lạng Sơn", "LS", "Xã Hữu Lũng", "LS-HL");
        mediaFile = TestMedia.tone(Files.createTempDirectory("flow").resolve("bulletin.mp3"), Duration.ofSeconds(2), 440);
        mediaId = admin.upload("Bản tin phòng cháy", mediaFile).id();
        await().atMost(WAIT).until(() -> "READY".equals(admin.get("/api/media/" + mediaId).string("status")));
    }

    @Test
    void approvedPlayReachesTheAgentAndItsReportsBecomeTheLog() throws Exception {
        String token = enrolledDevice("Đài xã");
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            assertEquals("welcome", agent.next("welcome", WAIT).get("type"));
            assertEquals(List.of(), agent.hello(WAIT).get("orders"));

            LocalDateTime at = LocalDateTime.now(ZONE).plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
            long campaign = approvedOnceCampaign(at);

            Map<String, Object> pushed = agent.next("orders", WAIT);
            assertEquals(false, pushed.get("complete"));
            Map<?, ?> order = (Map<?, ?>) ((List<?>) pushed.get("orders")).getFirst();
            assertEquals(at.atZone(ZONE).toInstant(), OffsetDateTime.parse((String) order.get("startAt")).toInstant());
            Map<?, ?> audio = (Map<?, ?>) ((List<?>) admin.get("/api/media/" + mediaId).body().get("renditions")).getFirst();
            assertEquals(audio.get("sha256"), order.get("mediaSha256"), "the radio gets the normalised broadcast audio");
            assertEquals("AUDIO", order.get("mediaKind"));
            long orderId = ((Number) order.get("orderId")).longValue();

            byte[] bytes = client.toBlocking().retrieve(HttpRequest.GET((String) order.get("mediaUrl"))
                    .header("Authorization", "Device " + token), byte[].class);
            assertEquals(order.get("mediaSha256"), Sha256.hex(bytes));

            String started = at.atZone(ZONE).toOffsetDateTime().plusNanos(4_000_000).toString();
            String ended = at.atZone(ZONE).toOffsetDateTime().plusSeconds(2).toString();
            agent.send(report(orderId, "PLAYING", started, null));
            assertEquals(true, agent.next("ack", WAIT).get("accepted"));
            agent.send(report(orderId, "PLAYED", started, ended));
            assertEquals(orderId + ":PLAYED", agent.next("ack", WAIT).get("reportId"));
            agent.send(report(orderId, "PLAYED", started, ended));
            assertEquals(true, agent.next("ack", WAIT).get("accepted"), "the same report twice is acknowledged");
            agent.send(report(orderId, "FAILED", null, ended));
            agent.next("ack", WAIT);

            List<Map<String, Object>> logs = admin.list("/api/broadcast-logs?campaignId=" + campaign);
            assertEquals(1, logs.size());
            assertEquals("PLAYED", logs.getFirst().get("status"), "a final status does not change");
            assertEquals(OffsetDateTime.parse(started).toInstant(), OffsetDateTime.parse((String) logs.getFirst().get("startedAt")).toInstant());

            Map<String, Object> report = admin.get("/api/reports/campaigns/" + campaign).body();
            assertEquals(1, ((Number) report.get("planned")).intValue());
            assertEquals(1, ((Number) report.get("aired")).intValue());
            assertEquals(2, ((Number) report.get("airtimeSeconds")).intValue());
        }
    }

    @Test
    void anotherDevicesOrderIsRefusedAndAnUnknownVersionIsAnswered() throws Exception {
        String token = enrolledDevice("Đài thôn");
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", WAIT);
            Map<String, Object> ack = agent.ask(report(999_999, "PLAYED", null, null), "ack", m -> true, WAIT);
            assertEquals(false, ack.get("accepted"));
            agent.send(Map.of("v", 2, "type", "hello"));
            assertEquals("UNSUPPORTED_VERSION", agent.next("error", WAIT).get("code"));
            Api.Reply notMine = new Api(client.toBlocking(), null).exchange(HttpRequest.GET("/agent/media/" + mediaId)
                    .header("Authorization", "Device " + token));
            assertEquals(404, notMine.status(), "a device gets only media its orders name");
        }
    }

    @Test
    void aDeviceConnectingLaterGetsItsOrdersAndCancelWithdrawsThem() throws Exception {
        String token = enrolledDevice("Màn hình chợ");
        long campaign = approvedOnceCampaign(LocalDateTime.now(ZONE).plusMinutes(5).truncatedTo(ChronoUnit.SECONDS));
        await().atMost(WAIT).until(() -> !admin.list("/api/broadcast-logs?campaignId=" + campaign).isEmpty());
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", WAIT);
            Map<String, Object> sync = agent.hello(WAIT);
            assertEquals(1, ((List<?>) sync.get("orders")).size());
            admin.post("/api/campaigns/" + campaign + "/cancel", Map.of());
            Map<String, Object> withdraw = agent.next("withdraw", WAIT);
            assertEquals(1, ((List<?>) withdraw.get("orderIds")).size());
        }
        assertEquals("CANCELLED", admin.list("/api/broadcast-logs?campaignId=" + campaign).getFirst().get("status"));
    }

    @Test
    void aNewerLinkOfTheSameDeviceReplacesTheOlderOne() throws Exception {
        String token = enrolledDevice("Đài đổi mạng");
        try (AgentClient older = new AgentClient(server.getURI(), token, json)) {
            older.next("welcome", WAIT);
            older.hello(WAIT);
            try (AgentClient newer = new AgentClient(server.getURI(), token, json)) {
                newer.next("welcome", WAIT);
                assertEquals(List.of(), newer.hello(WAIT).get("orders"));
                assertEquals(1000, older.closedByServer().get(30, java.util.concurrent.TimeUnit.SECONDS), "closed normally");
                approvedOnceCampaign(LocalDateTime.now(ZONE).plusMinutes(5).truncatedTo(ChronoUnit.SECONDS));
                assertEquals(1, ((List<?>) newer.next("orders", WAIT).get("orders")).size(), "the push goes to the newer link");
            }
        }
    }

    @Test
    void aNewEnrollmentCodeEndsTheOldTokensLink() throws Exception {
        String token = enrolledDevice("Đài bị mất máy");
        long deviceId = lastDeviceId();
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", WAIT);
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(admin.get("/api/devices/" + deviceId).body().get("online")));
            admin.post("/api/devices/" + deviceId + "/enrollment-code", Map.of());
            assertEquals(1008, agent.closedByServer().get(30, java.util.concurrent.TimeUnit.SECONDS), "policy violation");
        }
        assertEquals(false, admin.get("/api/devices/" + deviceId).body().get("online"));
        Map<String, Object> last = admin.list("/api/devices/" + deviceId + "/events").getFirst();
        assertEquals(List.of("OFFLINE", "enrollment code reissued: the old token is refused"), List.of(last.get("kind"), last.get("reason")));
        Api.Reply stale = new Api(client.toBlocking(), null).exchange(HttpRequest.GET("/agent/media/" + mediaId)
                .header("Authorization", "Device " + token));
        assertEquals(401, stale.status());
    }

    @Test
    void aDeviceAddedToATargetedAreaLaterGetsThePlaysAlreadyPlanned() {
        LocalDateTime first = LocalDateTime.now(ZONE).plusHours(3).truncatedTo(ChronoUnit.MINUTES);
        long campaign = admin.post("/api/campaigns", Map.of("title", "Hằng ngày", "level", "NORMAL",
                "startDate", first.toLocalDate().toString(), "endDate", first.toLocalDate().plusDays(5).toString(),
                "targets", Map.of("areaIds", List.of(commune)),
                "items", List.of(Map.of("mediaId", mediaId, "rule", Map.of("type", "DAILY", "times", List.of(first.toLocalTime().toString())))))).id();
        admin.post("/api/campaigns/" + campaign + "/approve", Map.of());
        await().atMost(WAIT).until(() -> !admin.list("/api/broadcast-logs?campaignId=" + campaign).isEmpty());

        enrolledDevice("Đài thôn mới lắp");
        long newcomer = lastDeviceId();
        List<Object> starts = admin.list("/api/broadcast-logs?campaignId=" + campaign + "&deviceId=" + newcomer).stream()
                .map(l -> l.get("scheduledAt")).toList();
        assertEquals(2, starts.size(), "the plays inside the 48 h horizon: " + starts);
        admin.post("/api/campaigns/" + campaign + "/cancel", Map.of());
    }

    @Test
    void aCampaignCanTargetANamedDeviceGroup() {
        enrolledDevice("Loa chợ trung tâm");
        long member = lastDeviceId();
        Api.Reply group = admin.post("/api/device-groups", Map.of("name", "Loa chợ", "areaId", commune, "deviceIds", List.of(member)));
        assertEquals(201, group.status(), group::toString);
        assertEquals(List.of(member), ((List<?>) group.body().get("deviceIds")).stream().map(d -> ((Number) d).longValue()).toList());
        LocalDateTime at = LocalDateTime.now(ZONE).plusMinutes(30).truncatedTo(ChronoUnit.SECONDS);
        long campaign = admin.post("/api/campaigns", Map.of("title", "Cho nhóm", "level", "NORMAL",
                "startDate", at.toLocalDate().toString(), "endDate", at.toLocalDate().toString(),
                "targets", Map.of("groupIds", List.of(group.id())),
                "items", List.of(Map.of("mediaId", mediaId, "rule", Map.of("type", "ONCE", "at", at.toString()))))).id();
        assertEquals(List.of(group.id()), ((List<?>) ((Map<?, ?>) admin.get("/api/campaigns/" + campaign).body().get("targets")).get("groupIds"))
                .stream().map(g -> ((Number) g).longValue()).toList());
        admin.post("/api/campaigns/" + campaign + "/approve", Map.of());
        await().atMost(WAIT).until(() -> !admin.list("/api/broadcast-logs?campaignId=" + campaign).isEmpty());
        assertEquals(List.of(member), admin.list("/api/broadcast-logs?campaignId=" + campaign).stream()
                .map(l -> ((Number) l.get("deviceId")).longValue()).toList());
        admin.post("/api/campaigns/" + campaign + "/cancel", Map.of());
        assertEquals(404, admin.post("/api/campaigns", Map.of("title", "x", "level", "NORMAL", "startDate", "2027-01-01",
                "endDate", "2027-01-01", "targets", Map.of("groupIds", List.of(987654)),
                "items", List.of(Map.of("mediaId", mediaId, "rule", Map.of("type", "DAILY", "times", List.of("06:30")))))).status());
    }

    private long lastDeviceId() {
        return admin.list("/api/devices?areaId=" + commune).stream()
                .mapToLong(d -> ((Number) d.get("id")).longValue()).max().orElseThrow();
    }

    private String enrolledDevice(String name) {
        Api.Reply device = admin.post("/api/devices", Map.of("name", name, "areaId", commune, "kind", "RADIO"));
        return Api.enroll(client.toBlocking(), device.string("enrollmentCode"));
    }

    /** Targets the device just enrolled only: each test's plays stay its own. */
    private long approvedOnceCampaign(LocalDateTime at) {
        Api.Reply created = admin.post("/api/campaigns", TestCampaigns.once(mediaId, at, List.of(lastDeviceId())));
        assertEquals(201, created.status(), created::toString);
        Api.Reply approved = admin.post("/api/campaigns/" + created.id() + "/approve", Map.of());
        assertEquals("APPROVED", approved.string("status"), approved::toString);
        assertTrue(approved.body().containsKey("approvedAt"));
        return created.id();
    }

    private static Map<String, Object> report(long orderId, String status, String startedAt, String endedAt) {
        Map<String, Object> report = new java.util.HashMap<>(Map.of("v", 1, "type", "report", "reportId", orderId + ":" + status,
                "orderId", orderId, "status", status));
        report.put("startedAt", startedAt);
        report.put("endedAt", endedAt);
        return report;
    }
}
