package communecast.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where alerts go, set in the browser: webhooks and alert e-mails, for administrators only. */
@MicronautTest
class AlertsPageTest extends LiveServerTest {

    @Test
    void anAdminAddsAndRemovesWhereAlertsGo() throws Exception {
        PageSession office = PageSession.loggedIn(server.getURI(), "admin", TestServer.ADMIN_PASSWORD);
        String page = office.get("/ui/alerts").body();
        assertTrue(page.contains("Gửi cảnh báo") && page.contains("id=\"add-webhooks\"") && page.contains("Mất kết nối"), page);

        HttpResponse<String> added = office.post("/ui/alerts/webhooks", Map.of("_csrf", PageSession.csrf(page),
                "target", "https://tinh.example.vn/canh-bao", "event-device.offline", "on", "event-broadcast.failed", "on"));
        assertEquals(200, added.statusCode(), added.body());
        assertTrue(added.body().contains("id=\"secret\"") && added.body().matches("(?s).*<code>[0-9a-f]{64}</code>.*"), "the secret, once");
        Api admin = Api.admin(client.toBlocking());
        List<Map<String, Object>> hooks = admin.list("/api/webhooks");
        assertEquals(1, hooks.size());
        assertEquals(java.util.Set.of("device.offline", "broadcast.failed"), java.util.Set.copyOf((List<?>) hooks.getFirst().get("events")));
        long id = ((Number) hooks.getFirst().get("id")).longValue();
        String listed = office.get("/ui/alerts").body();
        assertTrue(listed.contains("https://tinh.example.vn/canh-bao") && listed.contains("Phát không thành công"), listed);
        assertTrue(!listed.contains("id=\"secret\""), "never shown again");

        HttpResponse<String> bad = office.post("/ui/alerts/emails", Map.of("_csrf", PageSession.csrf(listed), "target", "khong-phai-dia-chi"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("Địa chỉ thư chưa đúng"), bad.body());
        assertEquals(303, office.post("/ui/alerts/emails", Map.of("_csrf", PageSession.csrf(listed), "target", "vanhoa@xa.example.vn",
                "event-device.offline", "on")).statusCode());
        assertEquals("vanhoa@xa.example.vn", admin.list("/api/alert-emails").getFirst().get("email"));

        assertEquals(403, office.post("/ui/alerts/webhooks/" + id + "/delete", Map.of("_csrf", "forged")).statusCode());
        assertEquals(303, office.post("/ui/alerts/webhooks/" + id + "/delete", Map.of("_csrf", PageSession.csrf(listed))).statusCode());
        assertTrue(admin.list("/api/webhooks").isEmpty());

        Map<String, Object> viewer = new java.util.HashMap<>(Map.of("username", "xem-canh-bao", "password", "password-123", "role", "VIEWER"));
        assertEquals(201, admin.post("/api/users", viewer).status());
        assertTrue(PageSession.loggedIn(server.getURI(), "xem-canh-bao", "password-123").get("/ui/alerts").body().contains("id=\"admins-only\""));
    }
}
