package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four eyes for everyone (the author of a campaign or of its edit never approves or resumes it, whatever their
 * role; the built-in admin only where nobody else could), and who may use a level.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FourEyesTest implements TestPropertyProvider {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Inject
    @Client("/")
    HttpClient client;

    Api admin;
    Api provinceEditor;
    Api communeEditor;
    Api communeApprover;
    long province;
    long commune;
    long device;
    long mediaId;

    @Override
    public Map<String, String> getProperties() {
        return TestServer.properties();
    }

    @BeforeAll
    void world() throws Exception {
        admin = Api.admin(client.toBlocking());
        commune = admin.communeIn("Tỉnh Hà Tĩnh", "HT", "Xã Cẩm Xuyên", "HT-CX");
        province = ((Number) admin.get("/api/areas/" + commune).body().get("parentId")).longValue();
        provinceEditor = user("bien-tap-tinh", "EDITOR", province);
        communeEditor = user("bien-tap-xa", "EDITOR", commune);
        communeApprover = user("lanh-dao-xa", "APPROVER", commune);
        device = admin.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO")).id();
        mediaId = admin.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("eyes").resolve("b.wav"), Duration.ofSeconds(1), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + mediaId).string("status")));
    }

    @Test
    void theBuiltInAdminApprovesTheirOwnOnlyWhileNobodyElseCould() {
        long first = campaign(admin, "NORMAL");
        assertEquals("APPROVED", admin.post("/api/campaigns/" + first + "/approve", Map.of()).string("status"),
                "a national campaign, and the commune's approver does not approve for the country");

        Api nationalApprover = user("lanh-dao-quoc-gia", "APPROVER", null);
        long second = campaign(admin, "NORMAL");
        Api.Reply refused = admin.post("/api/campaigns/" + second + "/approve", Map.of());
        assertEquals(403, refused.status());
        assertTrue(refused.string("message").contains("someone other than its author"), refused.string("message"));
        assertEquals("APPROVED", nationalApprover.post("/api/campaigns/" + second + "/approve", Map.of()).string("status"));

        assertEquals(200, admin.put("/api/campaigns/" + second, body("NORMAL", "Sửa lịch")).status());
        assertEquals(403, admin.post("/api/campaigns/" + second + "/approve", Map.of()).status(), "nor their own edit");
        assertEquals(2, ((Number) nationalApprover.post("/api/campaigns/" + second + "/approve", Map.of()).body().get("revision")).intValue(),
                "the approver's approval of the edit");
    }

    @Test
    void anotherAdminNeverApprovesTheirOwn() {
        Api provinceAdmin = user("quan-tri-tinh", "ADMIN", province);
        long id = campaign(provinceAdmin, "NORMAL");
        assertEquals(403, provinceAdmin.post("/api/campaigns/" + id + "/approve", Map.of()).status());
        assertEquals("APPROVED", admin.post("/api/campaigns/" + id + "/approve", Map.of()).string("status"));
    }

    @Test
    void resumingIsAnApproversAndNotTheAuthors() {
        long id = campaign(communeEditor, "NORMAL");
        communeApprover.post("/api/campaigns/" + id + "/approve", Map.of());
        assertEquals("PAUSED", communeEditor.post("/api/campaigns/" + id + "/pause", Map.of()).string("status"), "anyone may stop it");

        assertEquals(403, communeEditor.post("/api/campaigns/" + id + "/resume", Map.of()).status());

        assertEquals("APPROVED", communeApprover.post("/api/campaigns/" + id + "/resume", Map.of()).string("status"));
        assertEquals("RESUMED lanh-dao-xa", communeEditor.list("/api/campaigns/" + id + "/history").getLast().get("action")
                + " " + communeEditor.list("/api/campaigns/" + id + "/history").getLast().get("username"));
    }

    @Test
    void priorityIsOrderedFromTheProvinceAndEmergencyGoesThroughItsOwnDoor() {
        Api.Reply communePriority = communeEditor.post("/api/campaigns", body("PRIORITY", "Ưu tiên của xã"));
        assertEquals(403, communePriority.status());
        assertTrue(communePriority.string("message").contains("province"), communePriority.string("message"));
        assertEquals(403, communeEditor.post("/api/campaigns", body("EMERGENCY", "Khẩn cấp tự đặt")).status());
        long normal = campaign(communeEditor, "NORMAL");
        assertEquals(403, communeEditor.put("/api/campaigns/" + normal, body("PRIORITY", "Nâng mức")).status(), "nor by an edit");

        assertEquals(201, provinceEditor.post("/api/campaigns", body("PRIORITY", "Ưu tiên của tỉnh")).status());
        assertEquals(403, provinceEditor.post("/api/campaigns", body("EMERGENCY", "Khẩn cấp tự đặt")).status());
        assertEquals(201, admin.post("/api/campaigns", body("EMERGENCY", "Khẩn cấp có kế hoạch")).status());

        Api.Reply emergency = communeEditor.post("/api/emergency", Map.of("mediaId", mediaId, "areaIds", List.of(commune),
                "validMinutes", 5));
        assertTrue(emergency.status() < 300, "the emergency endpoint stays open to a commune's editor: " + emergency.body());
        communeEditor.post("/api/emergency/" + emergency.id() + "/stop", Map.of());
    }

    private long campaign(Api author, String level) {
        Api.Reply created = author.post("/api/campaigns", body(level, "Tuyên truyền"));
        assertEquals(201, created.status(), created.body().toString());
        return created.id();
    }

    private Map<String, Object> body(String level, String title) {
        LocalDate day = LocalDate.now(ZONE).plusDays(2);
        return Map.of("title", title, "level", level, "startDate", day.toString(), "endDate", day.toString(),
                "targets", Map.of("deviceIds", List.of(device)),
                "items", List.of(Map.of("mediaId", mediaId, "rule", Map.of("type", "DAILY", "times", List.of("07:00")))));
    }

    private Api user(String username, String role, Long areaId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "password", "password-123", "role", role));
        if (areaId != null) {
            body.put("areaId", areaId);
        }
        admin.post("/api/users", body);
        return Api.login(client.toBlocking(), username, "password-123");
    }
}
