package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Editing an approved campaign: a new revision waits for approval while the approved one airs; once
 * approved, the device's held orders become the new plan (withdrawals and additions over a real WebSocket).
 */
@MicronautTest
class RevisionTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Jdbi jdbi;

    Api editor;
    Api approver;
    long device;
    String token;
    long mediaId;

    @BeforeAll
    void world() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Lào Cai", "LC", "Xã Tả Van", "LC-TV");
        admin.post("/api/users", Map.of("username", "bien-tap", "password", "password-123", "role", "EDITOR", "areaId", commune));
        admin.post("/api/users", Map.of("username", "lanh-dao", "password", "password-123", "role", "APPROVER", "areaId", commune));
        editor = Api.login(client.toBlocking(), "bien-tap", "password-123");
        approver = Api.login(client.toBlocking(), "lanh-dao", "password-123");
        Api.Reply d = editor.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO"));
        device = d.id();
        token = Api.enroll(client.toBlocking(), d.string("enrollmentCode"));
        mediaId = editor.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("rev").resolve("b.wav"), Duration.ofSeconds(1), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(editor.get("/api/media/" + mediaId).string("status")));
    }

    @Test
    void anApprovedEditReplacesTheHeldOrdersAndTheOldOneAirsUntilThen() throws Exception {
        LocalTime now = LocalTime.now(ZONE).truncatedTo(ChronoUnit.MINUTES);
        String first = now.plusMinutes(10).toString();
        String second = now.plusMinutes(20).toString();
        String moved = now.plusMinutes(15).toString();
        long id = editor.post("/api/campaigns", daily("Lịch tiêm chủng", List.of(first, second))).id();
        editor.post("/api/campaigns/" + id + "/submit", Map.of());
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            Held held = new Held(id);
            agent.next("welcome", WAIT);
            held.apply(agent.hello(WAIT));
            approver.post("/api/campaigns/" + id + "/approve", Map.of());
            held.apply(agent.next("orders", WAIT));
            assertEquals(Set.of(first, second), held.times(), "two times a day, twice in the 48 h horizon");
            assertEquals(4, held.orders.size());
            List<String> triggers = ruleTriggers(id);
            assertEquals(2, triggers.size(), "a cron trigger per DAILY time: " + triggers);

            Api.Reply edited = editor.put("/api/campaigns/" + id, daily("Lịch tiêm chủng (sửa giờ)", List.of(moved, second)));
            assertEquals(200, edited.status(), edited.body().toString());
            assertEquals("APPROVED", edited.string("status"), "the approved version airs on");
            assertEquals("Lịch tiêm chủng", edited.string("title"));
            assertEquals(2, ((Number) ((Map<?, ?>) edited.body().get("pendingRevision")).get("number")).intValue());
            assertEquals(held.orders.keySet(), pendingLogIds(id), "nothing changes on the device before approval");

            Api.Reply approved = approver.post("/api/campaigns/" + id + "/approve", Map.of());
            assertEquals(2, ((Number) approved.body().get("revision")).intValue());
            assertNull(approved.body().get("pendingRevision"));
            held.apply(agent.next("withdraw", WAIT));
            held.apply(agent.next("orders", WAIT));
            assertEquals(Set.of(moved, second), held.times(), "the device now holds the new times");
            assertEquals(pendingLogIds(id), held.orders.keySet(), "and exactly the server's pending plays");
            List<String> replaced = ruleTriggers(id);
            assertEquals(2, replaced.size());
            assertEquals(List.of(), replaced.stream().filter(triggers::contains).toList(), "the old rule triggers are gone");

            assertEquals("PAUSED", approver.post("/api/campaigns/" + id + "/pause", Map.of()).string("status"));
            held.apply(agent.next("withdraw", WAIT));
            assertEquals(Set.of(), held.times(), "a pause leaves the device nothing of the campaign");
            assertEquals(List.of(), ruleTriggers(id), "nor any trigger");
            assertEquals("CANCELLED", approver.post("/api/campaigns/" + id + "/cancel", Map.of()).string("status"));
        }
        List<String> history = editor.list("/api/campaigns/" + id + "/history").stream()
                .map(h -> h.get("action") + " " + h.get("username")).toList();
        assertEquals(List.of("CREATED bien-tap", "SUBMITTED bien-tap", "APPROVED lanh-dao", "REVISED bien-tap",
                "REVISION_APPROVED lanh-dao", "PAUSED lanh-dao", "CANCELLED lanh-dao"), history);
    }

    @Test
    void anEditApprovedWhilePausedAirsOnlyInItsNewFormOnResume() throws Exception {
        LocalTime now = LocalTime.now(ZONE).truncatedTo(ChronoUnit.MINUTES);
        String old = now.plusMinutes(30).toString();
        String fresh = now.plusMinutes(40).toString();
        long id = editor.post("/api/campaigns", daily("Tạm dừng rồi sửa", List.of(old))).id();
        approver.post("/api/campaigns/" + id + "/approve", Map.of());
        approver.post("/api/campaigns/" + id + "/pause", Map.of());
        editor.put("/api/campaigns/" + id, daily("Tạm dừng rồi sửa", List.of(fresh)));
        assertEquals("PAUSED", approver.post("/api/campaigns/" + id + "/approve", Map.of()).string("status"));
        assertEquals("APPROVED", approver.post("/api/campaigns/" + id + "/resume", Map.of()).string("status"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(Set.of(fresh), editor.list("/api/broadcast-logs?campaignId=" + id).stream()
                .filter(l -> "PENDING".equals(l.get("status"))).map(l -> localTime((String) l.get("scheduledAt"))).collect(Collectors.toSet())));
    }

    @Test
    void aDraftIsEditedInPlaceAndAPendingEditCanBeDiscarded() {
        String at = LocalTime.now(ZONE).plusHours(2).truncatedTo(ChronoUnit.MINUTES).toString();
        long id = editor.post("/api/campaigns", daily("Bản nháp", List.of(at))).id();
        Api.Reply draft = editor.put("/api/campaigns/" + id, daily("Bản nháp đã sửa", List.of(at)));
        assertEquals(List.of("DRAFT", "Bản nháp đã sửa", 1), List.of(draft.string("status"), draft.string("title"),
                ((Number) draft.body().get("revision")).intValue()));
        assertEquals(400, editor.put("/api/campaigns/" + id, Map.of("title", "thiếu ngày")).status(), "validated like a new one");

        approver.post("/api/campaigns/" + id + "/approve", Map.of());
        editor.put("/api/campaigns/" + id, daily("Sửa sau khi duyệt", List.of(at)));
        assertEquals(403, editor.post("/api/campaigns/" + id + "/approve", Map.of()).status(), "an EDITOR does not approve");
        Api.Reply discarded = approver.post("/api/campaigns/" + id + "/revision/discard", Map.of());
        assertEquals("Bản nháp đã sửa", discarded.string("title"));
        assertNull(discarded.body().get("pendingRevision"));
        assertEquals(409, approver.post("/api/campaigns/" + id + "/revision/discard", Map.of()).status(), "nothing left to discard");
        assertEquals(409, approver.post("/api/campaigns/" + id + "/approve", Map.of()).status(), "already approved, no edit waiting");

        approver.post("/api/campaigns/" + id + "/cancel", Map.of());
        assertEquals(409, editor.put("/api/campaigns/" + id, daily("Quá muộn", List.of(at))).status(), "a cancelled campaign is not edited");
        assertEquals(404, editor.put("/api/campaigns/999999", daily("Không có", List.of(at))).status());
    }

    private Map<String, Object> daily(String title, List<String> times) {
        LocalDate today = LocalDate.now(ZONE);
        return Map.of("title", title, "level", "NORMAL", "startDate", today.toString(), "endDate", today.plusDays(5).toString(),
                "targets", Map.of("deviceIds", List.of(device)),
                "items", List.of(Map.of("mediaId", mediaId, "rule", Map.of("type", "DAILY", "times", times))));
    }

    /** Quartz's own table: the rule triggers of the campaign's dispatch job. */
    private List<String> ruleTriggers(long campaignId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT TRIGGER_NAME FROM QRTZ_TRIGGERS WHERE JOB_NAME = :job AND TRIGGER_GROUP = 'dispatch-rule' ORDER BY 1")
                .bind("job", "campaign-" + campaignId).mapTo(String.class).list());
    }

    private Set<Long> pendingLogIds(long campaignId) {
        return editor.list("/api/broadcast-logs?campaignId=" + campaignId).stream().filter(l -> "PENDING".equals(l.get("status")))
                .map(l -> ((Number) l.get("id")).longValue()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String localTime(String instant) {
        return Instant.parse(instant).atZone(ZONE).toLocalTime().truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** What an agent holds after applying the messages as docs/protocol.md says: orders add, withdraw removes. */
    private static final class Held {
        final Map<Long, String> orders = new HashMap<>();
        final long campaignId;

        Held(long campaignId) {
            this.campaignId = campaignId;
        }

        void apply(Map<String, Object> message) {
            switch ((String) message.get("type")) {
                case "orders" -> {
                    if (Boolean.TRUE.equals(message.get("complete"))) {
                        orders.clear();
                    }
                    for (Object o : (List<?>) message.get("orders")) {
                        Map<?, ?> order = (Map<?, ?>) o;
                        if (((Number) order.get("campaignId")).longValue() != campaignId) {
                            continue;
                        }
                        ZonedDateTime at = OffsetDateTime.parse((String) order.get("startAt")).atZoneSameInstant(ZONE);
                        orders.put(((Number) order.get("orderId")).longValue(), at.toLocalTime().truncatedTo(ChronoUnit.MINUTES).toString());
                    }
                }
                case "withdraw" -> ((List<?>) message.get("orderIds")).forEach(o -> orders.remove(((Number) o).longValue()));
                default -> throw new AssertionError("unexpected " + message);
            }
        }

        Set<String> times() {
            return new TreeSet<>(orders.values());
        }
    }
}
