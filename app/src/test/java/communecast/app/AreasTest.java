package communecast.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The area tree as an office keeps it: renamed and moved within the admin's scope, with everything below it. */
@MicronautTest
class AreasTest extends LiveServerTest {

    @Test
    void anAreaIsRenamedAndMovedWithWhatIsBelowIt() {
        Api admin = Api.admin(client.toBlocking());
        long from = admin.communeIn("Tỉnh Quảng Trị", "QT", "Xã Gio Linh", "QT-GL");
        long province = ((Number) admin.get("/api/areas/" + from).body().get("parentId")).longValue();
        long to = admin.post("/api/areas", Map.of("name", "Xã Cửa Tùng", "code", "QT-CT", "kind", "COMMUNE", "parentId", province)).id();
        long village = admin.post("/api/areas", Map.of("name", "Thôn An Mỹ", "code", "QT-GL-AM", "kind", "VILLAGE", "parentId", from)).id();
        long device = admin.post("/api/devices", Map.of("name", "Loa thôn An Mỹ", "areaId", village, "kind", "RADIO")).id();
        Map<String, Object> body = new HashMap<>(Map.of("username", "quan-tri-gio-linh", "password", "password-123", "role", "ADMIN", "areaId", from));
        admin.post("/api/users", body);
        Api communeAdmin = Api.login(client.toBlocking(), "quan-tri-gio-linh", "password-123");

        assertEquals("Thôn An Mỹ 1", communeAdmin.put("/api/areas/" + village, Map.of("name", "Thôn An Mỹ 1", "parentId", from)).string("name"));
        assertEquals(403, communeAdmin.put("/api/areas/" + village, Map.of("name", "Thôn An Mỹ 1", "parentId", to)).status(),
                "into another commune, outside the admin's area");
        long otherProvince = admin.post("/api/areas", Map.of("name", "Tỉnh Quảng Bình", "code", "QB", "kind", "PROVINCE")).id();
        assertEquals(403, communeAdmin.put("/api/areas/" + from, Map.of("name", "Xã Gio Linh", "parentId", otherProvince)).status(),
                "the admin's own area");
        assertEquals(400, admin.put("/api/areas/" + village, Map.of("name", "Thôn An Mỹ 1", "parentId", province)).status(), "a village under a province");
        assertEquals(400, admin.put("/api/areas/" + village, Map.of("name", " ", "parentId", from)).status());
        assertEquals(404, admin.put("/api/areas/999999", Map.of("name", "X", "parentId", from)).status());

        Api.Reply moved = admin.put("/api/areas/" + village, Map.of("name", "Thôn An Mỹ 1", "parentId", to));
        assertEquals(200, moved.status(), moved.body().toString());
        assertEquals(((Number) moved.body().get("parentId")).longValue(), to);
        assertTrue(((String) moved.body().get("path")).endsWith("/" + to + "/" + village + "/"), moved.body().toString());
        assertEquals(403, communeAdmin.get("/api/devices/" + device).status(), "the device went with its village");
        assertTrue(admin.list("/api/devices?areaId=" + to).stream().anyMatch(d -> ((Number) d.get("id")).longValue() == device));
    }

    @Test
    void theAreasPageShowsTheTreeAndTakesChanges() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Phú Thọ", "PT", "Xã Hạ Hòa", "PT-HH");
        long village = admin.post("/api/areas", Map.of("name", "Thôn Đồng Xuân", "code", "PT-HH-DX", "kind", "VILLAGE", "parentId", commune)).id();
        PageSession office = PageSession.loggedIn(server.getURI(), "admin", TestServer.ADMIN_PASSWORD);
        String page = office.get("/ui/areas").body();
        assertTrue(page.contains("id=\"area-" + commune + "\"") && page.contains("Xã/phường") && page.contains("Giờ không phát loa"), page);
        assertFalse(page.contains("id=\"area-" + village + "\""), "villages show under their opened commune");
        assertTrue(office.get("/ui/areas?open=" + commune).body().contains("id=\"area-" + village + "\""));

        String csrf = PageSession.csrf(page);
        assertEquals(303, office.post("/ui/areas/" + commune + "/quiet-hours", Map.of("_csrf", csrf, "from", "21:30", "to", "05:30")).statusCode());
        assertTrue(admin.get("/api/areas/" + commune).body().get("quietFrom").toString().startsWith("21:30"));
        assertEquals(303, office.post("/ui/areas/" + commune + "/unit", Map.of("_csrf", csrf, "unitName", "Trung tâm Văn hóa – Thể thao xã Hạ Hòa")).statusCode());
        assertEquals("Trung tâm Văn hóa – Thể thao xã Hạ Hòa", admin.get("/api/areas/" + commune + "/letterhead").string("unitName"));
        String opened = office.get("/ui/areas?open=" + commune).body();
        assertTrue(opened.contains("21:30–05:30 (theo cấp trên)"), "the village follows its commune: " + opened);

        HttpResponse<String> bad = office.post("/ui/areas", Map.of("_csrf", csrf, "name", "Thôn lạc", "code", "PT-X", "kind", "VILLAGE", "parentId", ""));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("Cấp trên không phù hợp"), bad.body());
        assertEquals(303, office.post("/ui/areas", Map.of("_csrf", csrf, "name", "Thôn Mới", "code", "PT-HH-TM", "kind", "VILLAGE",
                "parentId", String.valueOf(commune))).statusCode());
        assertTrue(office.get("/ui/areas?open=" + commune).body().contains("Thôn Mới"));
    }
}
