package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ngừng sử dụng (issue 21): a retired device stays for its history but links, plays and is planned no more, and a
 * screen size only it had gets no renditions.
 */
@MicronautTest
class DeviceRetireTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Duration WAIT = Duration.ofSeconds(60);

    Api admin;
    Api editorA;
    long communeA;
    long communeB;
    long media;
    Path dir;

    @BeforeAll
    void world() throws Exception {
        dir = Files.createDirectories(Path.of("target", "device-retire"));
        admin = Api.admin(client.toBlocking());
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Cao Bằng", "code", "CB", "kind", "PROVINCE")).id();
        communeA = admin.post("/api/areas", Map.of("name", "Xã A", "code", "CB-A", "kind", "COMMUNE", "parentId", province)).id();
        communeB = admin.post("/api/areas", Map.of("name", "Xã B", "code", "CB-B", "kind", "COMMUNE", "parentId", province)).id();
        assertEquals(201, admin.post("/api/users", Map.of("username", "bien-tap-a", "password", "password-123", "role", "EDITOR",
                "areaId", communeA)).status());
        editorA = Api.login(client.toBlocking(), "bien-tap-a", "password-123");
        media = admin.upload("Bản tin", TestMedia.tone(dir.resolve("tone.mp3"), Duration.ofSeconds(2), 440)).id();
        await().atMost(WAIT).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
    }

    /** The devices page's "Ngừng sử dụng" button: the form posts with its token, and the device moves to the retired list. */
    @Test
    void theDevicesPageRetiresADevice() throws Exception {
        long commune = admin.communeIn("Tỉnh Yên Bái", "YB-RT", "Xã Mù Cang Chải", "YB-RT-MCC");
        long device = admin.post("/api/devices", Map.of("name", "Loa chợ cũ", "areaId", commune, "kind", "RADIO")).id();
        PageSession page = PageSession.loggedIn(server.getURI(), "admin", TestServer.ADMIN_PASSWORD);
        String devices = page.get("/ui/devices").body();
        assertTrue(devices.contains("id=\"retire-" + device + "\""), "a Retire button for it");

        java.net.http.HttpResponse<String> retired = page.post("/ui/devices/" + device + "/retire", Map.of("_csrf", PageSession.csrf(devices)));

        assertEquals(303, retired.statusCode(), retired::body);
        assertNotNull(admin.get("/api/devices/" + device).string("retiredAt"));
        assertFalse(page.get("/ui/devices").body().contains("id=\"retire-" + device + "\""), "gone from the devices in use");
        assertTrue(page.get("/ui/devices?retired=true").body().contains("Loa chợ cũ"), "on the retired list");
    }

    @Test
    void aRetiredDeviceIsUnlistedRefusedOnTheLinkAndLosesItsPlaysAhead() throws Exception {
        Api.Reply registered = admin.post("/api/devices", Map.of("name", "Đài xã cũ", "areaId", communeA, "kind", "RADIO"));
        long old = registered.id();
        String token = Api.enroll(client.toBlocking(), registered.string("enrollmentCode"));
        long kept = admin.post("/api/devices", Map.of("name", "Đài xã mới", "areaId", communeA, "kind", "RADIO")).id();
        long campaign = approvedOnce(Map.of("areaIds", List.of(communeA)), LocalDateTime.now(ZONE).plusMinutes(30));

        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", WAIT);
            List<?> orders = (List<?>) agent.hello(WAIT).get("orders");
            assertEquals(1, orders.size(), orders::toString);

            Api.Reply retired = editorA.post("/api/devices/" + old + "/retire", Map.of());

            assertEquals(200, retired.status(), retired::toString);
            assertNotNull(retired.string("retiredAt"));
            assertEquals(false, retired.body().get("online"));
            Map<String, Object> withdraw = agent.next("withdraw", WAIT);
            assertEquals(List.of(((Number) ((Map<?, ?>) orders.getFirst()).get("orderId")).longValue()),
                    ((List<?>) withdraw.get("orderIds")).stream().map(n -> ((Number) n).longValue()).toList());
            agent.closedByServer().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertEquals(401, refusedHandshake("Device " + token), "its token is refused");

        assertTrue(ids(admin.list("/api/devices")).contains(kept));
        assertFalse(ids(admin.list("/api/devices")).contains(old), "not listed by default");
        assertFalse(ids(admin.list("/api/devices?areaId=" + communeA)).contains(old));
        assertEquals(List.of(old), ids(admin.list("/api/devices?retired=true&areaId=" + communeA)));
        assertEquals(200, admin.get("/api/devices/" + old).status(), "its record stays");

        Map<Long, Map<String, Object>> logs = byDevice(admin.list("/api/broadcast-logs?campaignId=" + campaign));
        assertEquals("CANCELLED", logs.get(old).get("status"));
        assertEquals("device retired", logs.get(old).get("reason"));
        assertEquals("PENDING", logs.get(kept).get("status"), "the other device still airs it");

        long later = approvedOnce(Map.of("areaIds", List.of(communeA)), LocalDateTime.now(ZONE).plusMinutes(40));
        assertEquals(List.of(kept), ids(admin.list("/api/broadcast-logs?campaignId=" + later), "deviceId"),
                "an area's new campaign plans nothing for it");
        Api.Reply named = admin.post("/api/campaigns", campaign(Map.of("deviceIds", List.of(old)), LocalDateTime.now(ZONE).plusHours(1)));
        assertEquals(400, named.status());
        assertEquals("DEVICE_RETIRED", named.string("code"));
        assertEquals(409, admin.post("/api/devices/" + old + "/enrollment-code", Map.of()).status(), "nor is it enrolled again");
    }

    @Test
    void retiringIsForEditorsInsideTheDevicesAreaAndOnce() {
        Api.Reply registered = admin.post("/api/devices", Map.of("name", "Loa thôn 1", "areaId", communeA, "kind", "RADIO"));
        long inA = registered.id();
        long inB = admin.post("/api/devices", Map.of("name", "Loa xã B", "areaId", communeB, "kind", "RADIO")).id();
        assertEquals(201, admin.post("/api/users", Map.of("username", "xem-a", "password", "password-123", "role", "VIEWER",
                "areaId", communeA)).status());
        Api viewerA = Api.login(client.toBlocking(), "xem-a", "password-123");

        assertError(editorA.post("/api/devices/987654/retire", Map.of()), 404, "NOT_FOUND");
        assertError(editorA.post("/api/devices/" + inB + "/retire", Map.of()), 403, "FORBIDDEN");
        assertError(viewerA.post("/api/devices/" + inA + "/retire", Map.of()), 403, "FORBIDDEN");
        assertEquals(200, editorA.post("/api/devices/" + inA + "/retire", Map.of()).status());
        Api.Reply again = admin.post("/api/devices/" + inA + "/retire", Map.of());
        assertError(again, 409, "DEVICE_RETIRED");
        assertTrue(again.string("message").contains("device " + inA + " was retired at "), again::toString);
        assertTrue(admin.get("/api/devices/" + inB).body().get("retiredAt") == null, "the other area's device is untouched");
        assertEquals(401, new Api(client.toBlocking(), null).post("/agent/enroll",
                Map.of("v", 1, "code", registered.string("enrollmentCode"))).status(), "its unspent code is void");
    }

    /** A size only retired screens had is not made for new uploads; a size still in use is. */
    @Test
    void aScreenSizeOnlyRetiredDevicesHadGetsNoRendition() {
        long gone = admin.post("/api/devices", Map.of("name", "LED cổng chợ", "areaId", communeA, "kind", "LED",
                "screenWidth", 640, "screenHeight", 320)).id();
        admin.post("/api/devices", Map.of("name", "LED nhà văn hóa", "areaId", communeA, "kind", "LED", "screenWidth", 320, "screenHeight", 160));
        assertEquals(200, admin.post("/api/devices/" + gone + "/retire", Map.of()).status());

        long id = admin.upload("Áp phích", TestMedia.image(dir.resolve("poster.png"), 800, 600), Map.of("stillSeconds", "1")).id();
        await().atMost(WAIT).until(() -> "READY".equals(admin.get("/api/media/" + id).string("status")));

        List<String> sizes = ((List<?>) admin.get("/api/media/" + id).body().get("renditions")).stream().map(r -> (Map<?, ?>) r)
                .filter(r -> "VIDEO".equals(r.get("kind"))).map(r -> r.get("screenWidth") + "x" + r.get("screenHeight")).toList();
        assertEquals(List.of("320x160"), sizes);
    }

    /** The devices page: a Retire button with its confirmation, in Vietnamese first, and the retired list apart. */
    @Test
    void theDevicesPageRetiresAfterAConfirmation() throws Exception {
        long device = admin.post("/api/devices", Map.of("name", "Loa bến xe", "areaId", communeA, "kind", "RADIO")).id();
        PageSession page = PageSession.loggedIn(server.getURI(), "bien-tap-a", "password-123");
        String devices = page.get("/ui/devices").body();
        assertTrue(devices.contains("id=\"retire-" + device + "\"") && devices.contains(">Ngừng sử dụng</button>"), devices);
        assertTrue(devices.contains("data-confirm=\"Ngừng sử dụng thiết bị này?"), devices);

        HttpResponse<String> retired = page.post("/ui/devices/" + device + "/retire", Map.of("_csrf", PageSession.csrf(devices)));

        assertEquals(303, retired.statusCode());
        assertFalse(page.get("/ui/devices").body().contains("Loa bến xe"));
        assertTrue(page.get("/ui/devices?retired=true").body().contains("Loa bến xe"));
        assertEquals(409, page.post("/ui/devices/" + device + "/retire", Map.of("_csrf", PageSession.csrf(devices))).statusCode());
        page.get("/ui/language/en");
        assertTrue(page.get("/ui/devices").body().contains(">Retire</button>"));
    }

    private long approvedOnce(Map<String, Object> targets, LocalDateTime at) {
        long id = admin.post("/api/campaigns", campaign(targets, at)).id();
        assertEquals("APPROVED", admin.post("/api/campaigns/" + id + "/approve", Map.of()).string("status"));
        return id;
    }

    private Map<String, Object> campaign(Map<String, Object> targets, LocalDateTime at) {
        LocalDateTime when = at.truncatedTo(ChronoUnit.SECONDS);
        return Map.of("title", "Tuyên truyền", "level", "NORMAL", "startDate", when.toLocalDate().toString(),
                "endDate", when.toLocalDate().toString(), "targets", targets,
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "ONCE", "at", when.toString()))));
    }

    private int refusedHandshake(String auth) {
        URI ws = URI.create(server.getURI().toString().replaceFirst("^http", "ws") + "/agent/ws");
        CompletionException refused = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", auth).buildAsync(ws, new WebSocket.Listener() { }).join());
        return assertInstanceOf(WebSocketHandshakeException.class, refused.getCause()).getResponse().statusCode();
    }

    private static List<Long> ids(List<Map<String, Object>> rows) {
        return ids(rows, "id");
    }

    private static List<Long> ids(List<Map<String, Object>> rows, String field) {
        return rows.stream().map(r -> ((Number) r.get(field)).longValue()).sorted().toList();
    }

    private static Map<Long, Map<String, Object>> byDevice(List<Map<String, Object>> logs) {
        return logs.stream().collect(java.util.stream.Collectors.toMap(l -> ((Number) l.get("deviceId")).longValue(), l -> l));
    }

    private static void assertError(Api.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(code, reply.string("code"), reply::toString);
    }
}
