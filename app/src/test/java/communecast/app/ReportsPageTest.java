package communecast.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reports page sends the area form to the API's report, which the page's cookie may download. */
@MicronautTest
class ReportsPageTest extends LiveServerTest {
    @Test
    void anEditorDownloadsTheReportOfTheirAreaAndNotOfAnother() throws Exception {
        Api admin = Api.login(client.toBlocking(), "admin", TestServer.ADMIN_PASSWORD);
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Hà Giang", "code", "HG", "kind", "PROVINCE")).id();
        long commune = admin.post("/api/areas", Map.of("name", "Xã Lũng Cú", "code", "HG-LC", "kind", "COMMUNE", "parentId", province)).id();
        long other = admin.post("/api/areas", Map.of("name", "Tỉnh Cao Bằng", "code", "CB", "kind", "PROVINCE")).id();
        admin.post("/api/users", Map.of("username", "bao-cao", "password", "password-123", "role", "EDITOR", "areaId", province));
        PageSession browser = PageSession.loggedIn(server.getURI(), "bao-cao", "password-123");

        String page = browser.get("/ui/reports").body();
        assertTrue(page.contains("Báo cáo theo địa bàn") && page.contains("Xã Lũng Cú"), page);
        assertTrue(!page.contains("Tỉnh Cao Bằng"), "only the user's own areas are offered");

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        HttpResponse<String> form = browser.get("/ui/reports/area?areaId=" + commune + "&from=" + today.withDayOfMonth(1) + "&to=" + today + "&format=csv");
        assertEquals(303, form.statusCode());
        String location = form.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/api/reports/areas/" + commune + "?") && location.contains("format=csv"), location);

        HttpResponse<String> csv = browser.get(location);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.body().startsWith("\uFEFF") && csv.body().contains("Xã Lũng Cú"), csv.body());
        assertEquals(403, browser.get(browser.get("/ui/reports/area?areaId=" + other + "&from=" + today + "&to=" + today + "&format=csv")
                .headers().firstValue("Location").orElseThrow()).statusCode(), "another province's report is not theirs");

        String written = today.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        HttpResponse<String> typed = browser.get("/ui/reports/area?areaId=" + commune + "&from=" + written + "&to=" + written + "&format=csv");
        assertEquals(303, typed.statusCode(), "a day as the field shows it");
        assertTrue(typed.headers().firstValue("Location").orElseThrow().contains("from=" + today + "&to=" + today), "sent on as ISO");
        HttpResponse<String> mistyped = browser.get("/ui/reports/area?areaId=" + commune + "&from=1-3-2026&to=" + written + "&format=csv");
        assertEquals(400, mistyped.statusCode());
        assertTrue(mistyped.body().contains("«from» phải là một ngày như 20/03/2026, không phải «1-3-2026»"), "a page in words, not JSON: " + mistyped.body());
    }
}
