package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unit's website, without a login: a commune's page shows the bulletins marked public while an approved campaign
 * airs them there, with players; nothing else answers, however its id is guessed.
 */
@MicronautTest
class PublicPagesTest extends LiveServerTest {
    final HttpClient anonymous = HttpClient.newHttpClient();
    Api admin;
    long shownMedia;
    long hiddenMedia;
    long draftMedia;
    long cancelledMedia;

    @BeforeAll
    void world() throws Exception {
        admin = Api.login(client.toBlocking(), "admin", TestServer.ADMIN_PASSWORD);
        long commune = admin.communeIn("Tỉnh Hà Giang", "HGP", "Xã Lũng Cú", "HGP-LC");
        admin.communeIn("Tỉnh Cao Bằng", "CBP", "Xã Hà Quảng", "CBP-HQ");
        long radio = admin.post("/api/devices", Map.of("name", "Đài xã Lũng Cú", "areaId", commune, "kind", "RADIO")).id();
        Path dir = Files.createTempDirectory("public");
        shownMedia = ready("Phòng chống cháy rừng", dir.resolve("a.wav"));
        hiddenMedia = ready("Nội bộ: lịch trực", dir.resolve("b.wav"));
        draftMedia = ready("Dự thảo", dir.resolve("c.wav"));
        cancelledMedia = ready("Đã huỷ", dir.resolve("d.wav"));
        for (long media : List.of(shownMedia, draftMedia, cancelledMedia)) {
            assertEquals(true, admin.put("/api/media/" + media + "/public", Map.of("public", true)).body().get("public"));
        }
        long airing = campaign("Tuyên truyền phòng cháy rừng", radio, shownMedia, hiddenMedia);
        admin.post("/api/campaigns/" + airing + "/approve", Map.of());
        campaign("Bản nháp", radio, draftMedia);
        long cancelled = campaign("Chiến dịch đã huỷ", radio, cancelledMedia);
        admin.post("/api/campaigns/" + cancelled + "/approve", Map.of());
        admin.post("/api/campaigns/" + cancelled + "/cancel", Map.of());
    }

    @Test
    void theCommunesPageShowsOnlyWhatIsPublicAndAiring() throws Exception {
        HttpResponse<String> page = get("/public/areas/HGP-LC");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Bản tin tuyên truyền – Xã Lũng Cú") && page.body().contains("Phòng chống cháy rừng")
                && page.body().contains("Tuyên truyền phòng cháy rừng"), page.body());
        assertTrue(page.body().contains("src=\"/public/media/" + shownMedia + "/file\""), "with a player");
        assertFalse(page.body().contains("Nội bộ") || page.body().contains("Dự thảo") || page.body().contains("Đã huỷ"),
                "not public, a draft's, a cancelled campaign's: " + page.body());
        assertTrue(get("/public/areas/HGP").body().contains("Phòng chống cháy rừng"), "the province's page has its communes'");
        assertTrue(get("/public/areas/CBP-HQ").body().contains("Hiện chưa có bản tin công khai"), "another province's page has none of it");
        assertEquals(404, get("/public/areas/KHONG-CO").statusCode());

        HttpResponse<byte[]> file = anonymous.send(HttpRequest.newBuilder(server.getURI().resolve("/public/media/" + shownMedia + "/file")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, file.statusCode());
        assertEquals("audio/mpeg", file.headers().firstValue("Content-Type").orElse(""));
        for (long guessed : List.of(hiddenMedia, draftMedia, cancelledMedia, 987654L)) {
            assertEquals(404, get("/public/media/" + guessed + "/file").statusCode(), "medium " + guessed + " is not reachable");
        }
        assertEquals(401, get("/api/media/" + shownMedia + "/preview").statusCode(), "the API still wants a login");

        HttpResponse<String> embed = get("/public/areas/HGP-LC/embed");
        assertTrue(embed.body().contains("src=\"/public/media/" + shownMedia + "/file\"") && !embed.body().contains("Nội bộ"), embed.body());
    }

    @Test
    void theFeedListsTheSameWithEnclosuresAWebsiteCanFetch() throws Exception {
        HttpResponse<String> feed = get("/public/areas/HGP-LC/feed.xml");
        assertEquals(200, feed.statusCode());
        assertTrue(feed.headers().firstValue("Content-Type").orElse("").startsWith("application/atom+xml"));
        var xml = javax.xml.parsers.DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(feed.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var entries = xml.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        org.w3c.dom.Element entry = null;
        for (int i = 0; i < entries.getLength(); i++) {
            var e = (org.w3c.dom.Element) entries.item(i);
            String title = e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title").item(0).getTextContent();
            assertFalse(List.of("Nội bộ: lịch trực", "Dự thảo", "Đã huỷ").contains(title), "only what the page shows: " + title);
            entry = "Phòng chống cháy rừng".equals(title) ? e : entry;
        }
        assertTrue(entry != null, feed.body());
        var enclosure = (org.w3c.dom.Element) entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link").item(0);
        assertEquals("enclosure", enclosure.getAttribute("rel"));
        assertEquals("audio/mpeg", enclosure.getAttribute("type"));
        java.net.URI href = java.net.URI.create(enclosure.getAttribute("href"));
        assertTrue(href.isAbsolute(), "an absolute link, as feed readers need: " + href);
        assertEquals(200, anonymous.send(HttpRequest.newBuilder(href).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(404, get("/public/areas/KHONG-CO/feed.xml").statusCode());
    }

    @Test
    void takenOffTheWebsiteItIsGoneAtOnce() throws Exception {
        long media = ready("Tạm thời", Files.createTempDirectory("public").resolve("e.wav"));
        long radio = admin.list("/api/devices").stream().filter(d -> "Đài xã Lũng Cú".equals(d.get("name"))).map(d -> ((Number) d.get("id")).longValue())
                .findFirst().orElseThrow();
        admin.put("/api/media/" + media + "/public", Map.of("public", true));
        admin.post("/api/campaigns/" + campaign("Tạm thời", radio, media) + "/approve", Map.of());
        assertEquals(200, get("/public/media/" + media + "/file").statusCode());
        admin.put("/api/media/" + media + "/public", Map.of("public", false));
        assertEquals(404, get("/public/media/" + media + "/file").statusCode());
        assertFalse(get("/public/areas/HGP-LC").body().contains("Tạm thời</h2>"));
        assertEquals(400, admin.put("/api/media/" + media + "/public", Map.of()).status(), "public: true or false");

        PageSession page = PageSession.loggedIn(server.getURI(), "admin", TestServer.ADMIN_PASSWORD);
        String library = page.get("/ui/media").body();
        assertTrue(library.contains("id=\"publish-" + media + "\""), "the library has the switch");
        assertEquals(303, page.post("/ui/media/" + media + "/public", Map.of("_csrf", PageSession.csrf(library), "public", "true")).statusCode());
        assertEquals(true, admin.get("/api/media/" + media).body().get("public"), "put back on the website from the page");
        assertEquals(200, get("/public/media/" + media + "/file").statusCode());
    }

    private long campaign(String title, long radio, long... media) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        List<Map<String, Object>> items = java.util.Arrays.stream(media).mapToObj(m -> Map.<String, Object>of("mediaId", m,
                "rule", Map.of("type", "DAILY", "times", List.of("10:00")))).toList();
        return admin.post("/api/campaigns", Map.of("title", title, "level", "NORMAL", "startDate", today.toString(), "endDate", today.plusDays(3).toString(),
                "targets", Map.of("deviceIds", List.of(radio)), "items", items)).id();
    }

    private long ready(String title, Path file) throws Exception {
        long id = admin.upload(title, TestMedia.tone(file, Duration.ofSeconds(1), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + id).string("status")));
        return id;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return anonymous.send(HttpRequest.newBuilder(server.getURI().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
