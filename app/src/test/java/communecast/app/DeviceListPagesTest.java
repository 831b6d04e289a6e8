package communecast.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A province's devices page and dashboard when the devices are many: counted per commune, fifty to a page,
 * searched by name without accents, narrowed to a commune or a state, and never outside the user's area.
 */
@MicronautTest
class DeviceListPagesTest extends LiveServerTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Pattern FOUND = Pattern.compile("id=\"devices-found\"><span>[^<]*</span> <b>(\\d+)</b>");

    @Test
    void manyDevicesArePagedCountedPerCommuneSearchedAndFiltered() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long big = admin.communeIn("Tỉnh Bắc Kạn", "BK", "Xã Đồng Phúc", "BK-DP");
        long province = ((Number) admin.get("/api/areas/" + big).body().get("parentId")).longValue();
        long small = admin.post("/api/areas", Map.of("name", "Xã Bằng Thành", "code", "BK-BT", "kind", "COMMUNE", "parentId", province)).id();
        long village = admin.post("/api/areas", Map.of("name", "Thôn Nà Làng", "code", "BK-DP-NL", "kind", "VILLAGE", "parentId", big)).id();
        for (int i = 1; i <= 65; i++) {
            admin.post("/api/devices", Map.of("name", String.format("Loa thôn số %02d", i), "areaId", i % 2 == 0 ? village : big, "kind", "RADIO"));
        }
        String linkedCode = admin.post("/api/devices", Map.of("name", "Loa chợ Bằng Thành", "areaId", small, "kind", "RADIO")).string("enrollmentCode");
        admin.post("/api/devices", Map.of("name", "Loa UBND 100%", "areaId", small, "kind", "RADIO"));
        admin.post("/api/devices", Map.of("name", "Màn hình trung tâm", "areaId", small, "kind", "LED", "screenWidth", 384, "screenHeight", 192));
        admin.post("/api/users", Map.of("username", "quan-tri-bac-kan", "password", "password-123", "role", "ADMIN", "areaId", province));
        admin.post("/api/users", Map.of("username", "xem-bang-thanh", "password", "password-123", "role", "VIEWER", "areaId", small));

        try (AgentClient agent = new AgentClient(server.getURI(), Api.enroll(client.toBlocking(), linkedCode), json)) {
            agent.next("welcome", WAIT);
            agent.hello(WAIT);
            PageSession office = PageSession.loggedIn(server.getURI(), "quan-tri-bac-kan", "password-123");

            String first = office.get("/ui/devices").body();
            assertEquals(68, found(first), first);
            assertEquals(50, count(first, "id=\"retire-"), "fifty to a page");
            assertTrue(first.contains("id=\"per-commune\""), "counted per commune first");
            assertTrue(first.matches("(?s).*>Xã Bằng Thành</a></td>\\s*<td>3</td><td class=\"good\">1</td>.*"), first);
            assertTrue(first.matches("(?s).*>Xã Đồng Phúc</a></td>\\s*<td>65</td><td class=\"good\">0</td>.*"), "villages count in their commune");
            assertTrue(first.contains("id=\"next-page\" href=\"/ui/devices?page=1\""), first);
            String second = office.get("/ui/devices?page=1").body();
            assertEquals(18, count(second, "id=\"retire-"));
            assertTrue(second.contains("id=\"previous-page\""));

            String searched = office.get("/ui/devices?q=cho+bang+thanh").body();
            assertEquals(1, found(searched), "no accents, no case: " + searched);
            assertTrue(searched.contains("Loa chợ Bằng Thành"));
            assertEquals(1, found(office.get("/ui/devices?q=100%25").body()), "% is a letter, not a wildcard");
            assertEquals(0, found(office.get("/ui/devices?q=U%25").body()), "U% would match UBND 100% as a wildcard");

            String commune = office.get("/ui/devices?areaId=" + small).body();
            assertEquals(3, found(commune));
            assertFalse(commune.contains("id=\"per-commune\""));
            assertEquals(1, found(office.get("/ui/devices?state=ONLINE").body()));
            assertEquals(67, found(office.get("/ui/devices?state=OFFLINE").body()));
            String trouble = office.get("/ui/devices?areaId=" + small + "&state=TROUBLE").body();
            assertEquals(2, found(trouble));
            assertFalse(trouble.contains("Loa chợ Bằng Thành"), "the linked one is fine");

            PageSession viewer = PageSession.loggedIn(server.getURI(), "xem-bang-thanh", "password-123");
            String dashboard = office.get("/ui").body();
            assertTrue(dashboard.contains("id=\"online\" class=\"good\">1<") && dashboard.contains("id=\"offline\" class=\"bad\">67<"), dashboard);
            assertEquals(20, count(dashboard.substring(dashboard.indexOf("id=\"alerts\"")), ": Mất kết nối</li>"), "the first twenty by name");
            assertTrue(dashboard.contains("id=\"all-trouble\" href=\"/ui/devices?state=TROUBLE\""), dashboard);
            Matcher alert = Pattern.compile("<li class=\"bad\"><a href=\"(/ui/devices/\\d+)\">([^<]+)</a>: Mất kết nối</li>").matcher(dashboard);
            assertTrue(alert.find(), "an alert names its device as a link: " + dashboard);
            HttpResponse<String> itsPage = office.get(alert.group(1));
            assertEquals(303, itsPage.statusCode());
            String listed = office.get(itsPage.headers().firstValue("Location").orElseThrow()).body();
            assertEquals(1, found(listed), "the link lands on that one device: " + listed);
            assertTrue(listed.contains(alert.group(2)), listed);
            assertEquals(403, viewer.get(alert.group(1)).statusCode(), "a device outside the user's area is not shown");

            String editor = office.get("/ui/campaigns/new").body();
            assertEquals(0, count(editor, "name=\"device-"), "a province's editor opens a commune to see its devices");
            assertTrue(editor.contains("hx-get=\"/ui/campaigns/targets/" + big + "\"") && editor.contains("name=\"area-" + big + "\""), editor);
            assertFalse(editor.contains("name=\"area-" + village + "\""), "villages inside their closed commune");
            String opened = office.get("/ui/campaigns/targets/" + big).body();
            assertEquals(65, count(opened, "name=\"device-"), opened);
            assertTrue(opened.contains("name=\"area-" + village + "\"") && !opened.contains("name=\"area-" + big + "\""), opened);

            assertEquals(3, count(viewer.get("/ui/campaigns/new").body(), "name=\"device-"), "a commune's user sees its whole tree");
            assertEquals(403, viewer.get("/ui/campaigns/targets/" + big).statusCode());
            assertEquals(3, found(viewer.get("/ui/devices").body()));
            HttpResponse<String> other = viewer.get("/ui/devices?areaId=" + big);
            assertEquals(403, other.statusCode(), other.body());
        }
    }

    private static long found(String page) {
        Matcher m = FOUND.matcher(page);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static int count(String page, String text) {
        int n = 0;
        for (int at = page.indexOf(text); at >= 0; at = page.indexOf(text, at + 1)) {
            n++;
        }
        return n;
    }
}
