package communecast.app;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

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
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPagesTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    @Client("/")
    HttpClient api;

    final java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Override
    public Map<String, String> getProperties() {
        return TestServer.properties();
    }

    @Test
    void logInSeeTheDevicesApproveWithTheFormsTokenOnly() throws Exception {
        Api admin = Api.login(api.toBlocking(), "admin", TestServer.ADMIN_PASSWORD);
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Bắc Kạn", "code", "BK", "kind", "PROVINCE")).id();
        admin.post("/api/devices", Map.of("name", "Đài xã <Nà Phặc>", "areaId", province, "kind", "RADIO"));
        admin.post("/api/users", Map.of("username", "bien-tap", "password", "password-123", "role", "EDITOR", "areaId", province));
        Api editor = Api.login(api.toBlocking(), "bien-tap", "password-123");
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
        assertEquals(200, new Api(api.toBlocking(), null).post("/agent/enroll", Map.of("v", 1, "code", code.group(1))).status(),
                "and it enrolls an agent");
        assertEquals(400, post("/ui/devices", Map.of("_csrf", csrf(devicesPage), "name", "Màn hình", "areaId", String.valueOf(province),
                "kind", "LED")).statusCode(), "an LED needs its size");
        long led = admin.list("/api/devices").stream().filter(d -> "Màn hình chợ".equals(d.get("name")))
                .map(d -> ((Number) d.get("id")).longValue()).findFirst().orElseThrow();
        HttpResponse<String> offlineShot = post("/ui/devices/" + led + "/screenshot", Map.of("_csrf", csrf(devicesPage)));
        assertEquals(409, offlineShot.statusCode());
        assertTrue(offlineShot.body().contains("not linked now"), "the page says why: " + offlineShot.body());
        assertTrue(get("/ui/logs?campaignId=" + campaign).body().contains("PENDING"), "the approved campaign's plays are in the logs");

        get("/ui/language/en");
        assertTrue(get("/ui").body().contains("Dashboard"), "English as the second language");
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
}
