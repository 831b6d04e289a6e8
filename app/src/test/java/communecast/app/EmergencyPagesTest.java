package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emergency page as an officer uses it over plain HTTP: several areas, how often and for how long, a
 * confirmation before anything airs, the Stop button, and the past emergencies with who fired and stopped them.
 */
@MicronautTest
class EmergencyPagesTest extends LiveServerTest {

    @Test
    void chooseConfirmFollowStopAndFindItInThePastOnes() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Hà Giang", "code", "HG", "kind", "PROVINCE")).id();
        long communeA = admin.post("/api/areas", Map.of("name", "Xã Lũng Cú", "code", "HG-LC", "kind", "COMMUNE", "parentId", province)).id();
        long communeB = admin.post("/api/areas", Map.of("name", "Xã Mèo Vạc", "code", "HG-MV", "kind", "COMMUNE", "parentId", province)).id();
        long communeC = admin.post("/api/areas", Map.of("name", "Xã Đồng Văn", "code", "HG-DV", "kind", "COMMUNE", "parentId", province)).id();
        long village = admin.post("/api/areas", Map.of("name", "Thôn Lô Lô Chải", "code", "HG-LC-LLC", "kind", "VILLAGE", "parentId", communeA)).id();
        for (long commune : List.of(communeA, communeB, communeC)) {
            admin.post("/api/devices", Map.of("name", "Loa " + commune, "areaId", commune, "kind", "RADIO"));
        }
        admin.post("/api/users", Map.of("username", "truc-ban", "password", "password-123", "role", "EDITOR", "areaId", province));
        admin.post("/api/users", Map.of("username", "xem-tinh", "password", "password-123", "role", "VIEWER", "areaId", province));
        admin.post("/api/users", Map.of("username", "xa-khac", "password", "password-123", "role", "VIEWER",
                "areaId", admin.post("/api/areas", Map.of("name", "Tỉnh Lai Châu", "code", "LCH", "kind", "PROVINCE")).id()));
        long media = admin.upload("Cảnh báo lũ quét", TestMedia.tone(Files.createTempDirectory("em").resolve("lu.wav"), Duration.ofSeconds(1), 880)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        PageSession officer = PageSession.loggedIn(server.getURI(), "truc-ban", "password-123");

        String form = officer.get("/ui/emergency").body();
        assertTrue(form.contains("id=\"area-" + communeA + "\"") && form.contains("id=\"validMinutes\"") && form.contains("Chưa có lần phát"), form);
        assertFalse(form.contains("id=\"area-" + village + "\""), "a province's officer picks communes, not their villages");
        String csrf = PageSession.csrf(form);
        HttpResponse<String> noArea = officer.post("/ui/emergency", List.of(Map.entry("_csrf", csrf), Map.entry("mediaId", String.valueOf(media)),
                Map.entry("repeat", "2"), Map.entry("validMinutes", "20")));
        assertEquals(400, noArea.statusCode());
        assertTrue(noArea.body().contains("Chọn ít nhất một địa bàn."), noArea.body());

        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("_csrf", csrf), Map.entry("mediaId", String.valueOf(media)),
                Map.entry("area-" + communeA, "on"), Map.entry("area-" + communeB, "on"),
                Map.entry("repeat", "2"), Map.entry("validMinutes", "20")));
        HttpResponse<String> confirmation = officer.post("/ui/emergency", fields);
        assertEquals(200, confirmation.statusCode(), confirmation.body());
        String page = confirmation.body();
        assertTrue(page.contains("Xác nhận phát khẩn cấp") && page.contains("Cảnh báo lũ quét") && page.contains("Xã Lũng Cú")
                && page.contains("Xã Mèo Vạc") && !page.contains("Xã Đồng Văn") && page.contains("id=\"devices-reached\">2<"), page);
        assertEquals(List.of(), admin.list("/api/emergency"), "nothing airs before the confirmation");

        fields.add(Map.entry("confirmed", "true"));
        Instant before = Instant.now();
        HttpResponse<String> fired = officer.post("/ui/emergency", fields);
        assertEquals(303, fired.statusCode(), fired.body());
        String statusPath = fired.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(statusPath.replaceAll("\\D*(\\d+)$", "$1"));
        Map<String, Object> status = admin.get("/api/emergency/" + id).body();
        assertEquals(2, ((Number) status.get("repeat")).intValue());
        assertEquals(2, ((List<?>) status.get("devices")).size(), "both communes' loudspeakers, not the third's");
        Duration valid = Duration.between(before, Instant.parse((String) status.get("validUntil")));
        assertTrue(valid.compareTo(Duration.ofMinutes(20)) >= 0 && valid.compareTo(Duration.ofMinutes(21)) < 0, "valid for 20 minutes: " + valid);

        String statusPage = officer.get(statusPath).body();
        assertTrue(statusPage.contains("id=\"stop-emergency\"") && statusPage.contains("truc-ban"), statusPage);
        assertTrue(statusPage.contains("<span>Cảnh báo lũ quét</span>"), "the bulletin by name");
        // No agent linked: each loudspeaker's state in words (OFFLINE until it links within the window).
        assertTrue(statusPage.contains(">Mất kết nối<") && !statusPage.contains(">OFFLINE<"), statusPage);
        assertFalse(PageSession.loggedIn(server.getURI(), "xem-tinh", "password-123").get(statusPath).body().contains("id=\"stop-emergency\""),
                "a viewer follows it, and has no Stop button it may not press");
        assertEquals(303, officer.post(statusPath + "/stop", Map.of("_csrf", PageSession.csrf(statusPage))).statusCode());
        String stopped = officer.get(statusPath).body();
        assertTrue(stopped.contains("id=\"emergency-stopped\"") && !stopped.contains("id=\"stop-emergency\""), stopped);
        assertEquals("truc-ban", admin.get("/api/emergency/" + id).string("stoppedBy"));

        String past = officer.get("/ui/emergency").body();
        assertTrue(past.contains("id=\"past-emergencies\"") && past.contains("/ui/emergency/" + id) && past.contains("Khẩn cấp: Cảnh báo lũ quét"), past);
        List<Map<String, Object>> listed = admin.list("/api/emergency");
        assertEquals(List.of("truc-ban truc-ban"), listed.stream().map(e -> e.get("startedBy") + " " + e.get("stoppedBy")).toList());
        assertFalse(Api.login(client.toBlocking(), "xa-khac", "password-123").list("/api/emergency").stream()
                .anyMatch(e -> ((Number) e.get("id")).longValue() == id), "another province's user does not see it");
    }
}
