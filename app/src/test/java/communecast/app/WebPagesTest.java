package communecast.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The staff's pages over plain HTTP, as a browser sends them: session cookie, forms, the anti-forgery token. */
@MicronautTest
class WebPagesTest extends LiveServerTest {
    final java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void logInSeeTheDevicesApproveWithTheFormsTokenOnly() throws Exception {
        Api admin = Api.login(client.toBlocking(), "admin", TestServer.ADMIN_PASSWORD);
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Bắc Kạn", "code", "BK", "kind", "PROVINCE")).id();
        admin.post("/api/devices", Map.of("name", "Đài xã <Nà Phặc>", "areaId", province, "kind", "RADIO"));
        admin.post("/api/users", Map.of("username", "bien-tap", "password", "password-123", "role", "EDITOR", "areaId", province));
        Api editor = Api.login(client.toBlocking(), "bien-tap", "password-123");
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1);
        long media = admin.upload("Bản tin", communecast.media.testing.TestMedia.tone(java.nio.file.Files.createTempDirectory("ui").resolve("b.wav"),
                java.time.Duration.ofSeconds(1), 440)).id();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        long campaign = editor.post("/api/campaigns", Map.of("title", "Tiêm chủng <b>mở rộng</b>", "level", "NORMAL",
                "startDate", day.toString(), "endDate", day.toString(), "targets", Map.of("areaIds", List.of(province)),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "ONCE", "at", day + "T07:00:00"))))).id();
        editor.post("/api/campaigns/" + campaign + "/submit", Map.of());

        HttpResponse<String> anonymous = get("/ui");
        assertEquals(303, anonymous.statusCode());
        assertEquals("/ui/login", anonymous.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> deepLink = get("/ui/devices?state=OFFLINE&q=ch%E1%BB%A3");
        assertEquals(303, deepLink.statusCode(), "every page, one rule: to the login");
        assertEquals("/ui/login?next=%2Fui%2Fdevices%3Fstate%3DOFFLINE%26q%3Dch%25E1%25BB%25A3", deepLink.headers().firstValue("Location").orElseThrow());
        assertEquals(303, post("/ui/devices/1/retire", Map.of("_csrf", "x")).statusCode(), "a form sent while logged out starts again at the login");
        HttpResponse<String> polled = browser.send(HttpRequest.newBuilder(server.getURI().resolve("/ui/emergency/1/devices"))
                .header("HX-Request", "true").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, polled.statusCode(), "the page's own polling gets a status it can act on, not the login page");
        assertEquals(401, get("/api/devices").statusCode(), "the API keeps its 401");
        assertEquals(401, post("/ui/login", Map.of("username", "admin", "password", "sai")).statusCode());
        assertTrue(post("/ui/login", Map.of("username", "admin", "password", "sai")).body().contains("Sai tên đăng nhập hoặc mật khẩu"));

        HttpResponse<String> loggedIn = post("/ui/login", Map.of("username", "admin", "password", TestServer.ADMIN_PASSWORD));
        assertEquals(303, loggedIn.statusCode());
        assertTrue(loggedIn.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JWT=") && c.toLowerCase().contains("httponly")
                && c.contains("SameSite=Strict")), loggedIn.headers().toString());
        HttpResponse<String> page = get("/ui");
        assertEquals(200, page.statusCode(), page.headers() + " " + page.body());
        String dashboard = page.body();
        assertTrue(dashboard.contains("Đài xã &lt;Nà Phặc&gt;"), "device names are escaped: " + dashboard);
        assertFalse(dashboard.contains("<Nà Phặc>"));

        String campaigns = get("/ui/campaigns").body();
        assertTrue(campaigns.contains("Tiêm chủng &lt;b&gt;mở rộng&lt;/b&gt;"), campaigns);
        assertEquals(403, post("/ui/campaigns/" + campaign + "/approve", Map.of("_csrf", "forged")).statusCode(), "no token, no action");
        assertEquals("SUBMITTED", admin.get("/api/campaigns/" + campaign).string("status"));
        assertEquals(303, post("/ui/campaigns/" + campaign + "/approve", Map.of("_csrf", csrf(campaigns))).statusCode());
        assertEquals("APPROVED", admin.get("/api/campaigns/" + campaign).string("status"));

        HttpResponse<String> apiWrite = browser.send(HttpRequest.newBuilder(server.getURI().resolve("/api/areas"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"X\",\"code\":\"X\",\"kind\":\"PROVINCE\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, apiWrite.statusCode(), "the page's cookie does not authorise API writes (they need the bearer header)");
        assertEquals(200, get("/api/reports/campaigns/" + campaign + "?format=xlsx").statusCode(), "but a page may download a report");

        String devicesPage = get("/ui/devices").body();
        HttpResponse<String> registered = post("/ui/devices", Map.of("_csrf", csrf(devicesPage), "name", "Màn hình chợ",
                "areaId", String.valueOf(province), "kind", "LED", "screenWidth", "384", "screenHeight", "192"));
        assertEquals(200, registered.statusCode());
        Matcher code = Pattern.compile("id=\"enrollment-code\">([^<]+)<").matcher(registered.body());
        assertTrue(code.find(), "the one-time code is shown once: " + registered.body());
        assertEquals(200, new Api(client.toBlocking(), null).post("/agent/enroll", Map.of("v", 1, "code", code.group(1))).status(),
                "and it enrolls an agent");
        assertEquals(400, post("/ui/devices", Map.of("_csrf", csrf(devicesPage), "name", "Màn hình", "areaId", String.valueOf(province),
                "kind", "LED")).statusCode(), "an LED needs its size");
        long led = admin.list("/api/devices").stream().filter(d -> "Màn hình chợ".equals(d.get("name")))
                .map(d -> ((Number) d.get("id")).longValue()).findFirst().orElseThrow();
        HttpResponse<String> offlineShot = post("/ui/devices/" + led + "/screenshot", Map.of("_csrf", csrf(devicesPage)));
        assertEquals(409, offlineShot.statusCode());
        assertTrue(offlineShot.body().contains("hiện không kết nối"), "the page says why, in words: " + offlineShot.body());
        String logs = get("/ui/logs?campaignId=" + campaign).body();
        assertTrue(logs.contains("Chờ phát"), "the approved campaign's plays are in the logs");
        assertTrue(Pattern.compile("<a href=\"/ui/devices/\\d+\">[^<]+</a>").matcher(logs).find()
                && Pattern.compile("<a href=\"/ui/devices\\?areaId=\\d+\">[^<]+</a>").matcher(logs).find(), "its device and commune are links: " + logs);
        assertTrue(get("/ui/reports").body().contains("<a href=\"/ui/campaigns/" + campaign + "/edit\">"), "the reports page links each campaign");

        get("/ui/language/en");
        assertTrue(get("/ui").body().contains("Dashboard"), "English as the second language");
    }

    @Test
    void theEditorAndTheQueueKeepTheApisRolesTokensAndEscaping() throws Exception {
        Api admin = Api.login(client.toBlocking(), "admin", TestServer.ADMIN_PASSWORD);
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Cao Bằng", "code", "CB", "kind", "PROVINCE")).id();
        long commune = admin.post("/api/areas", Map.of("name", "Xã Quảng Uyên", "code", "CB-QU", "kind", "COMMUNE", "parentId", province)).id();
        admin.post("/api/devices", Map.of("name", "Loa chợ Quảng Uyên", "areaId", commune, "kind", "RADIO"));
        for (String[] u : new String[][]{{"soan-tin", "EDITOR"}, {"xem-tin", "VIEWER"}, {"duyet-tin", "APPROVER"}}) {
            admin.post("/api/users", Map.of("username", u[0], "password", "password-123", "role", u[1], "areaId", province));
        }
        PageSession editor = PageSession.loggedIn(server.getURI(), "soan-tin", "password-123");
        PageSession viewer = PageSession.loggedIn(server.getURI(), "xem-tin", "password-123");
        PageSession approver = PageSession.loggedIn(server.getURI(), "duyet-tin", "password-123");

        java.nio.file.Path wav = communecast.media.testing.TestMedia.tone(java.nio.file.Files.createTempDirectory("ui").resolve("pccc.wav"),
                java.time.Duration.ofSeconds(1), 440);
        String library = editor.get("/ui/media").body();
        assertEquals(403, editor.upload("/ui/media", "Bản tin", wav, null).statusCode(), "an upload without the page's token is refused");
        HttpResponse<String> refused = viewer.upload("/ui/media", "Bản tin", wav, PageSession.csrf(viewer.get("/ui/media").body()));
        assertEquals(403, refused.statusCode(), "a VIEWER may not upload, as on the API");
        assertTrue(refused.body().contains("id=\"form-error\"") && refused.body().contains("vai trò Xem không được làm việc này"),
                "the refusal is the page's error block in Vietnamese, which ui.js shows: " + refused.body());
        HttpResponse<String> uploaded = editor.upload("/ui/media", "PCCC <i>mùa khô</i>", wav, PageSession.csrf(library));
        assertEquals(202, uploaded.statusCode(), uploaded.body());
        assertTrue(uploaded.body().contains("PCCC &lt;i&gt;mùa khô&lt;/i&gt;") && uploaded.body().contains("hx-trigger=\"every 1s\""),
                "the new row, escaped, polls while processing: " + uploaded.body());
        long media = admin.list("/api/media").stream().filter(m -> "PCCC <i>mùa khô</i>".equals(m.get("title")))
                .map(m -> ((Number) m.get("id")).longValue()).findFirst().orElseThrow();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> editor.get("/ui/media/" + media + "/row").body().contains("Sẵn sàng"));
        assertFalse(editor.get("/ui/media/" + media + "/row").body().contains("hx-trigger"), "a finished row stops polling");

        LocalDate day = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1);
        Map<String, String> fields = new java.util.HashMap<>(Map.of("title", "<script>alert(1)</script> Phòng cháy", "legalBasis", "Kế hoạch số 104/KH-UBND",
                "level", "NORMAL", "startDate", day.toString(), "endDate", day.plusDays(6).toString(), "area-" + commune, "on",
                "item0-mediaId", String.valueOf(media), "item0-type", "DAILY", "item0-times", "06:30, 17:30", "action", "submit"));
        int before = admin.list("/api/campaigns").size();
        assertEquals(403, editor.post("/ui/campaigns", fields).statusCode(), "no token, no campaign");
        fields.put("_csrf", PageSession.csrf(viewer.get("/ui/campaigns/new").body()));
        HttpResponse<String> byViewer = viewer.post("/ui/campaigns", fields);
        assertEquals(403, byViewer.statusCode(), "a VIEWER's save is refused as on the API");
        assertTrue(byViewer.body().contains("Không có quyền"), byViewer.body());
        assertEquals(before, admin.list("/api/campaigns").size());

        String newCampaign = editor.get("/ui/campaigns/new").body();
        assertTrue(newCampaign.contains("value=\"PRIORITY\"") && !newCampaign.contains("value=\"EMERGENCY\""),
                "the levels this editor may choose: a province orders PRIORITY; an EMERGENCY goes through its own page");
        fields.put("_csrf", PageSession.csrf(newCampaign));
        fields.put("endDate", day.minusDays(1).toString());
        HttpResponse<String> invalid = editor.post("/ui/campaigns", fields);
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("ngày kết thúc trước ngày bắt đầu"), "the service's refusal is shown, in words: " + invalid.body());
        assertTrue(invalid.body().contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt; Phòng cháy\""), "what was typed is kept, escaped");
        assertTrue(invalid.body().contains("value=\"06:30, 17:30\""), "the rows are kept too");
        fields.put("endDate", day.plusDays(6).toString());
        HttpResponse<String> created = editor.post("/ui/campaigns", fields);
        assertEquals(303, created.statusCode(), created.body());
        String editPath = created.headers().firstValue("Location").orElseThrow();
        long campaign = Long.parseLong(editPath.replaceAll("\\D*(\\d+).*", "$1"));
        assertEquals("SUBMITTED", admin.get("/api/campaigns/" + campaign).string("status"));
        String editPage = editor.get(editPath).body();
        assertTrue(editPage.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !editPage.contains("<script>alert(1)"), "escaped: " + editPage);
        assertTrue(editPage.contains("id=\"calendar\"") && editPage.contains("06:30"), "the plan of the next days is shown");

        String editorsQueue = editor.get("/ui/approvals").body();
        assertFalse(editorsQueue.contains("id=\"approve-" + campaign + "\""), "the author has no approve button (four eyes)");
        assertTrue(editorsQueue.contains("id=\"awaiting-others\""));
        String queue = approver.get("/ui/approvals").body();
        assertTrue(queue.contains("id=\"approve-" + campaign + "\"") && queue.contains("&lt;script&gt;"), queue);
        assertTrue(Pattern.compile("<td class=\"where\"><a href=\"/ui/devices\\?areaId=\\d+\">Xã Quảng Uyên</a></td>").matcher(queue).find()
                        && Pattern.compile("<td class=\"bulletins\"><a href=\"/ui/media#media-\\d+\">PCCC &lt;i&gt;mùa khô&lt;/i&gt;</a></td>").matcher(queue).find(),
                "where and what it airs, by name, each a link: " + queue);
        assertEquals(403, approver.post("/ui/campaigns/" + campaign + "/approve", Map.of()).statusCode(), "no token, no approval");
        assertEquals(403, editor.post("/ui/campaigns/" + campaign + "/approve", Map.of("_csrf", PageSession.csrf(editorsQueue))).statusCode(),
                "the author cannot approve through the page either");
        assertEquals(303, approver.post("/ui/campaigns/" + campaign + "/approve", Map.of("_csrf", PageSession.csrf(queue))).statusCode());
        assertEquals("APPROVED", admin.get("/api/campaigns/" + campaign).string("status"));

        fields.put("item0-times", "07:00");
        fields.put("action", "save");
        assertEquals(303, editor.post("/ui/campaigns/" + campaign, fields).statusCode(), "an approved campaign's edit awaits approval");
        assertEquals(2, ((Number) ((Map<?, ?>) admin.get("/api/campaigns/" + campaign).body().get("pendingRevision")).get("number")).intValue());
        assertTrue(editor.get("/ui").body().contains("id=\"awaiting\">1<"), "the dashboard counts it");
        queue = approver.get("/ui/approvals").body();
        assertTrue(queue.contains("Sửa đổi lần 2") && queue.contains("id=\"discard-" + campaign + "\""), queue);
        assertEquals(303, approver.post("/ui/campaigns/" + campaign + "/revision/discard", Map.of("_csrf", PageSession.csrf(queue))).statusCode());
        assertEquals(null, admin.get("/api/campaigns/" + campaign).body().get("pendingRevision"));

        approver.get("/ui/language/en");
        assertTrue(approver.get("/ui/approvals").body().contains("Approval queue"), "English as the second language");
        assertTrue(approver.get(editPath).body().contains("Plays planned for the next 7 days"));
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"").matcher(page);
        assertTrue(m.find(), "the page carries the form token");
        return m.group(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(server.getURI().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return browser.send(HttpRequest.newBuilder(server.getURI().resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDeviceTokenOnAPageIsAPlainRefusal() {
        Api admin = Api.login(client.toBlocking(), "admin", TestServer.ADMIN_PASSWORD);
        long commune = admin.communeIn("Tỉnh Sơn La", "SL", "Xã Chiềng Pấc", "SL-CP");
        String token = Api.enroll(client.toBlocking(), admin.post("/api/devices", Map.of("name", "Loa bản", "areaId", commune, "kind", "RADIO")).string("enrollmentCode"));
        var refused = org.junit.jupiter.api.Assertions.assertThrows(io.micronaut.http.client.exceptions.HttpClientResponseException.class,
                () -> client.toBlocking().exchange(io.micronaut.http.HttpRequest.GET("/ui").header("Authorization", "Device " + token), String.class));
        assertEquals(403, refused.getStatus().getCode(), "not a server error");
        assertTrue(refused.getResponse().getBody(String.class).orElse("").contains("chức năng này dành cho cán bộ"),
                "the error page, without a menu for a user there is none of: " + refused.getResponse().getBody(String.class));
    }

}
