package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** DRAFT → SUBMITTED → APPROVED by someone else → PAUSED (orders withdrawn) → RESUMED (orders back), all recorded. */
@MicronautTest
class WorkflowTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Duration WAIT = Duration.ofSeconds(30);

    Api admin;
    Api editor;
    Api approver;
    long device;
    String token;
    long mediaId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("communecast.campaign.complete-every", "1s");
        return properties;
    }

    @BeforeAll
    void world() throws Exception {
        admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Lào Cai", "LC", "Xã Bản Lầu", "LC-BL");
        for (String[] u : new String[][] {{"bien-tap", "EDITOR"}, {"lanh-dao", "APPROVER"}}) {
            admin.post("/api/users", Map.of("username", u[0], "password", "password-123", "role", u[1], "areaId", commune));
        }
        editor = Api.login(client.toBlocking(), "bien-tap", "password-123");
        approver = Api.login(client.toBlocking(), "lanh-dao", "password-123");
        Api.Reply d = editor.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO"));
        device = d.id();
        token = Api.enroll(client.toBlocking(), d.string("enrollmentCode"));
        mediaId = editor.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("wf").resolve("b.wav"), Duration.ofSeconds(1), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(editor.get("/api/media/" + mediaId).string("status")));
    }

    @Test
    void theAuthorCannotApproveAndEveryStepIsRecorded() throws Exception {
        LocalDateTime at = LocalDateTime.now(ZONE).plusMinutes(5).truncatedTo(ChronoUnit.SECONDS);
        long id = editor.post("/api/campaigns", Map.of("title", "Phòng chống bão lũ", "level", "NORMAL",
                "startDate", at.toLocalDate().toString(), "endDate", at.toLocalDate().toString(),
                "targets", Map.of("deviceIds", List.of(device)),
                "items", List.of(Map.of("mediaId", mediaId, "rule", Map.of("type", "ONCE", "at", at.toString()))))).id();
        assertEquals("SUBMITTED", editor.post("/api/campaigns/" + id + "/submit", Map.of()).string("status"));
        assertEquals(403, editor.post("/api/campaigns/" + id + "/approve", Map.of()).status(), "an EDITOR does not approve");
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", WAIT);
            agent.hello(WAIT);

            assertEquals("APPROVED", approver.post("/api/campaigns/" + id + "/approve", Map.of()).string("status"));
            long orderId = orderIdOf(agent.next("orders", WAIT));

            assertEquals("PAUSED", approver.post("/api/campaigns/" + id + "/pause", Map.of()).string("status"));
            assertEquals(List.of(orderId), ((List<?>) agent.next("withdraw", WAIT).get("orderIds")).stream()
                    .map(o -> ((Number) o).longValue()).toList());
            assertEquals("CANCELLED", editor.list("/api/broadcast-logs?campaignId=" + id).getFirst().get("status"));
            assertEquals(409, approver.post("/api/campaigns/" + id + "/pause", Map.of()).status(), "already paused");

            assertEquals(403, editor.post("/api/campaigns/" + id + "/resume", Map.of()).status(), "resuming is an approval");
            assertEquals("APPROVED", approver.post("/api/campaigns/" + id + "/resume", Map.of()).string("status"));
            assertEquals(orderId, orderIdOf(agent.next("orders", WAIT)), "the same play, back on the device");
            assertEquals("PENDING", editor.list("/api/broadcast-logs?campaignId=" + id).getFirst().get("status"));
        }
        List<String> history = editor.list("/api/campaigns/" + id + "/history").stream()
                .map(h -> h.get("action") + " " + h.get("username")).toList();
        assertEquals(List.of("CREATED bien-tap", "SUBMITTED bien-tap", "APPROVED lanh-dao", "PAUSED lanh-dao", "RESUMED lanh-dao"), history);
    }

    @Test
    void aUserWhoIsBothAuthorAndApproverStillNeedsSomeoneElse() {
        admin.post("/api/users", Map.of("username", "tac-gia", "password", "password-123", "role", "EDITOR"));
        Api author = Api.login(client.toBlocking(), "tac-gia", "password-123");
        LocalDateTime at = LocalDateTime.now(ZONE).plusDays(1).truncatedTo(ChronoUnit.SECONDS);
        long id = author.post("/api/campaigns", Map.of("title", "Tự duyệt", "level", "NORMAL",
                "startDate", at.toLocalDate().toString(), "endDate", at.toLocalDate().toString(),
                "targets", Map.of("deviceIds", List.of(device)),
                "items", List.of(Map.of("mediaId", mediaId, "rule", Map.of("type", "ONCE", "at", at.toString()))))).id();
        assertEquals("APPROVED", admin.post("/api/campaigns/" + id + "/approve", Map.of()).string("status"),
                "the built-in ADMIN may approve");
    }

    @Test
    void aCampaignWhoseLastDayHasPassedIsCompleted() {
        LocalDateTime yesterday = LocalDateTime.now(ZONE).minusDays(1).truncatedTo(ChronoUnit.SECONDS);
        long id = editor.post("/api/campaigns", Map.of("title", "Đã qua", "level", "NORMAL",
                "startDate", yesterday.toLocalDate().toString(), "endDate", yesterday.toLocalDate().toString(),
                "targets", Map.of("deviceIds", List.of(device)),
                "items", List.of(Map.of("mediaId", mediaId, "rule", Map.of("type", "ONCE", "at", yesterday.toString()))))).id();
        approver.post("/api/campaigns/" + id + "/approve", Map.of());
        await().atMost(WAIT).until(() -> "COMPLETED".equals(editor.get("/api/campaigns/" + id).string("status")));
        assertEquals("COMPLETED system", editor.list("/api/campaigns/" + id + "/history").getLast().get("action") + " "
                + editor.list("/api/campaigns/" + id + "/history").getLast().get("username"));
        assertEquals(List.of(), editor.list("/api/broadcast-logs?campaignId=" + id), "nothing planned for days gone");
    }

    private static long orderIdOf(Map<String, Object> orders) {
        return ((Number) ((Map<?, ?>) ((List<?>) orders.get("orders")).getFirst()).get("orderId")).longValue();
    }
}
