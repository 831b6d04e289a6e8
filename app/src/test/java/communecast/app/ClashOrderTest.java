package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two bulletins ordered from above meet on a commune's loudspeaker: the commune sees the clash, picks which airs
 * first, and the other goes right after it on the commune's devices only, in the plan and in the orders sent.
 */
@MicronautTest
class ClashOrderTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    Api admin;
    Api communeEditor;
    long province;
    long commune;
    long radio;
    String radioToken;
    long neighbourRadio;
    long media;
    LocalDate day;

    @BeforeAll
    void world() throws Exception {
        admin = Api.admin(client.toBlocking());
        commune = admin.communeIn("Tỉnh Điện Biên", "DB", "Xã Mường Phăng", "DB-MP");
        province = ((Number) admin.get("/api/areas/" + commune).body().get("parentId")).longValue();
        long neighbour = admin.post("/api/areas", Map.of("name", "Xã Nà Tấu", "code", "DB-NT", "kind", "COMMUNE", "parentId", province)).id();
        Api.Reply registered = admin.post("/api/devices", Map.of("name", "Cụm loa bản Phăng", "areaId", commune, "kind", "RADIO"));
        radio = registered.id();
        radioToken = Api.enroll(client.toBlocking(), registered.string("enrollmentCode"));
        neighbourRadio = admin.post("/api/devices", Map.of("name", "Cụm loa Nà Tấu", "areaId", neighbour, "kind", "RADIO")).id();
        communeEditor = user("bien-tap-muong-phang", "EDITOR", commune);
        media = admin.upload("Bản tin 2 giây", TestMedia.tone(Files.createTempDirectory("clash").resolve("b.wav"), Duration.ofSeconds(2), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        // Tomorrow at 09:00: inside the dispatch horizon, so the plays are planned and sent now.
        day = LocalDate.now(ZONE).plusDays(1);
    }

    @Test
    void theCommunePicksWhichPriorityBulletinAirsFirstAndTheOtherFollowsOnItsDevices() throws Exception {
        long national = approved("Bản tin quốc gia", "PRIORITY", Map.of("areaIds", List.of(province)), "09:00:00");
        long provincial = approved("Bản tin tỉnh", "PRIORITY", Map.of("areaIds", List.of(province)), "09:00:00");

        // Due together, same level: the device airs the older campaign first; the commune is shown that.
        Map<String, Object> view = clashes();
        List<Map<String, Object>> clashes = listOf(view, "clashes");
        assertEquals(1, clashes.size(), clashes.toString());
        Map<String, Object> clash = clashes.getFirst();
        assertEquals(national, id(clash, "first"));
        assertEquals(provincial, id(clash, "then"));
        assertEquals(1, ((Number) clash.get("plays")).intValue());
        assertEquals(true, clash.get("eitherWay"));
        assertEquals("Xã Mường Phăng", view.get("areaName"));

        Api.Reply picked = communeEditor.post("/api/areas/" + commune + "/clash-orders", Map.of("firstCampaignId", provincial, "thenCampaignId", national));
        assertEquals(201, picked.status(), picked.body().toString());
        assertEquals("bien-tap-muong-phang", picked.string("pickedBy"));

        // The province's bulletin at 09:00, the national one right after it, on this commune's loudspeaker only.
        assertEquals(at("09:00:00"), scheduled(provincial, radio));
        assertEquals(at("09:00:02"), scheduled(national, radio));
        assertEquals(at("09:00:00"), scheduled(national, neighbourRadio), "the neighbour commune keeps the rule's time");
        Map<String, Object> moved = timeline(radio).stream().filter(e -> ((Number) e.get("campaignId")).longValue() == national).findFirst().orElseThrow();
        assertEquals("PLANNED", moved.get("status"));
        assertEquals("due at 09:00, moved after «Bản tin tỉnh»: the order the commune picked", moved.get("reason"));
        try (AgentClient agent = new AgentClient(server.getURI(), radioToken, json)) {
            List<Map<String, Object>> sent = listOf(agent.hello(Duration.ofSeconds(30)), "orders");
            // The other test's plays are at 15:00; these two are the province's, then the national one.
            assertEquals(List.of(at("09:00:00"), at("09:00:02")), sent.stream()
                    .filter(o -> List.of(national, provincial).contains(((Number) o.get("campaignId")).longValue()))
                    .sorted(Comparator.comparing(o -> ((Number) o.get("campaignId")).longValue() == national))
                    .map(o -> OffsetDateTime.parse((String) o.get("startAt")).toInstant()).toList(), "the orders the loudspeaker holds: " + sent);
        }
        assertTrue(listOf(clashes(), "clashes").isEmpty(), "no clash left");
        assertEquals(1, listOf(clashes(), "orders").size());

        // The other way round replaces the order; pausing the first brings the second back to its own time.
        long reversed = communeEditor.post("/api/areas/" + commune + "/clash-orders", Map.of("firstCampaignId", national, "thenCampaignId", provincial)).id();
        assertEquals(1, listOf(clashes(), "orders").size());
        assertEquals(at("09:00:00"), scheduled(national, radio));
        assertEquals(at("09:00:02"), scheduled(provincial, radio));
        assertEquals("PAUSED", admin.post("/api/campaigns/" + national + "/pause", Map.of()).string("status"));
        assertEquals(at("09:00:00"), scheduled(provincial, radio), "nothing to follow while the first is paused");
        assertEquals("APPROVED", admin.post("/api/campaigns/" + national + "/resume", Map.of()).string("status"));
        assertEquals(at("09:00:02"), scheduled(provincial, radio), "and it follows again once resumed");

        assertEquals(204, communeEditor.exchange(HttpRequest.DELETE("/api/areas/" + commune + "/clash-orders/" + reversed)).status());
        assertEquals(at("09:00:00"), scheduled(provincial, radio));
        assertEquals(404, communeEditor.exchange(HttpRequest.DELETE("/api/areas/" + commune + "/clash-orders/" + reversed)).status());
        assertEquals(1, listOf(clashes(), "clashes").size(), "the clash is back for the commune to pick again");
    }

    @Test
    void onlyWhatTheCommuneMayOrder() {
        long priority = approved("Cảnh báo rét đậm", "PRIORITY", Map.of("areaIds", List.of(province)), "15:00:00");
        long normal = approved("Thông báo tiêm chủng", "NORMAL", Map.of("deviceIds", List.of(radio)), "15:00:00");
        long elsewhere = approved("Thông báo Nà Tấu", "NORMAL", Map.of("deviceIds", List.of(neighbourRadio)), "15:00:00");
        String orders = "/api/areas/" + commune + "/clash-orders";

        assertError(400, "LEVEL_ORDER", communeEditor.post(orders, Map.of("firstCampaignId", normal, "thenCampaignId", priority)));
        assertError(400, "SAME_CAMPAIGN", communeEditor.post(orders, Map.of("firstCampaignId", normal, "thenCampaignId", normal)));
        assertError(400, "NOT_HERE", communeEditor.post(orders, Map.of("firstCampaignId", normal, "thenCampaignId", elsewhere)));
        assertError(404, "NOT_FOUND", communeEditor.post(orders, Map.of("firstCampaignId", priority, "thenCampaignId", 999_999)));
        assertError(400, "MISSING_FIELD", communeEditor.post(orders, Map.of("firstCampaignId", priority)));
        assertEquals(400, communeEditor.postRaw(orders, "{\"firstCampaignId\": ").status(), "bad JSON");
        assertEquals(404, communeEditor.get("/api/areas/999999/clashes").status());
        assertEquals(404, communeEditor.exchange(HttpRequest.DELETE(orders + "/999999")).status());
        assertError(400, "NOT_A_COMMUNE", admin.post("/api/areas/" + province + "/clash-orders", Map.of("firstCampaignId", priority, "thenCampaignId", normal)));
        assertEquals(403, user("xem-muong-phang", "VIEWER", commune).post(orders, Map.of("firstCampaignId", priority, "thenCampaignId", normal)).status());
        long otherCommune = admin.communeIn("Tỉnh Lai Châu", "LC", "Xã Bum Nưa", "LC-BN");
        assertEquals(403, user("bien-tap-bum-nua", "EDITOR", otherCommune).post(orders, Map.of("firstCampaignId", priority, "thenCampaignId", normal)).status());

        // The commune's own bulletin may go after the province's priority one rather than wait behind it.
        assertEquals(201, communeEditor.post(orders, Map.of("firstCampaignId", priority, "thenCampaignId", normal)).status());
        assertEquals(at("15:00:02"), scheduled(normal, radio));
    }

    @Test
    void theClashesPageShowsTheClashAndTakesTheCommunesPick() throws Exception {
        long older = approved("Tuyên truyền bầu cử", "PRIORITY", Map.of("areaIds", List.of(province)), "12:00:00");
        long newer = approved("Phòng chống dịch", "PRIORITY", Map.of("areaIds", List.of(province)), "12:00:00");
        PageSession editor = PageSession.loggedIn(server.getURI(), "bien-tap-muong-phang", "password-123");
        String page = editor.get("/ui/clashes").body();
        assertTrue(page.contains("Lịch trùng") && page.contains("Xã Mường Phăng"), page);
        assertTrue(page.contains("id=\"keep-" + older + "-" + newer + "\"") && page.contains("Phát ngay sau «Tuyên truyền bầu cử»"), page);
        assertTrue(page.contains("«Phòng chống dịch»"), page);

        assertEquals(403, editor.post("/ui/clashes/pick", Map.of("_csrf", "forged", "areaId", String.valueOf(commune),
                "first", String.valueOf(newer), "then", String.valueOf(older))).statusCode(), "no token, no pick");
        assertEquals(303, editor.post("/ui/clashes/pick", Map.of("_csrf", PageSession.csrf(page), "areaId", String.valueOf(commune),
                "first", String.valueOf(newer), "then", String.valueOf(older))).statusCode());
        assertEquals(at("12:00:02"), scheduled(older, radio));
        String after = editor.get("/ui/clashes?areaId=" + commune).body();
        assertTrue(after.contains("id=\"clash-orders\"") && after.contains("bien-tap-muong-phang"), after);
        assertTrue(!after.contains("id=\"keep-" + older + "-" + newer + "\""), "the clash is answered: " + after);

        HttpResponse<String> refused = editor.post("/ui/clashes/pick", Map.of("_csrf", PageSession.csrf(after), "areaId", String.valueOf(commune),
                "first", String.valueOf(newer), "then", String.valueOf(newer)));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Cùng một chiến dịch") && refused.body().contains("id=\"clash-orders\""), refused.body());
    }

    /** One play, tomorrow at {@code time}; each test has its own hour, so their plays never meet. */
    private long approved(String title, String level, Map<String, Object> targets, String time) {
        long id = admin.post("/api/campaigns", Map.of("title", title, "level", level, "startDate", day.toString(), "endDate", day.toString(),
                "targets", targets, "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "ONCE", "at", day + "T" + time))))).id();
        assertEquals("APPROVED", admin.post("/api/campaigns/" + id + "/approve", Map.of()).string("status"));
        return id;
    }

    private Map<String, Object> clashes() {
        String from = at("08:00:00").toString();
        String to = at("10:00:00").toString();
        Api.Reply reply = communeEditor.get("/api/areas/" + commune + "/clashes?from=" + from + "&to=" + to);
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.body();
    }

    private List<Map<String, Object>> timeline(long device) {
        String from = day.atStartOfDay(ZONE).toInstant().toString();
        String to = day.plusDays(1).atStartOfDay(ZONE).toInstant().toString();
        return admin.list("/api/devices/" + device + "/timeline?from=" + from + "&to=" + to);
    }

    /** The start of the campaign's one pending play on the device, as planned and sent. */
    private Instant scheduled(long campaign, long device) {
        List<Instant> pending = admin.list("/api/broadcast-logs?campaignId=" + campaign).stream()
                .filter(l -> ((Number) l.get("deviceId")).longValue() == device && "PENDING".equals(l.get("status")))
                .map(l -> Instant.parse((String) l.get("scheduledAt"))).toList();
        assertEquals(1, pending.size(), "one pending play of campaign " + campaign + " on device " + device + ": " + pending);
        return pending.getFirst();
    }

    private Instant at(String time) {
        return day.atTime(LocalTime.parse(time)).atZone(ZONE).toInstant();
    }

    private Api user(String username, String role, long areaId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "password", "password-123", "role", role, "areaId", areaId));
        assertEquals(201, admin.post("/api/users", body).status());
        return Api.login(client.toBlocking(), username, "password-123");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOf(Map<String, Object> body, String field) {
        return (List<Map<String, Object>>) body.get(field);
    }

    @SuppressWarnings("unchecked")
    private static long id(Map<String, Object> clash, String side) {
        return ((Number) ((Map<String, Object>) clash.get(side)).get("campaignId")).longValue();
    }

    private static void assertError(int status, String code, Api.Reply reply) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(code, reply.string("code"), reply.body().toString());
    }
}
