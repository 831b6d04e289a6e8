package communecast.app;

import communecast.media.Sha256;
import communecast.media.audio.Loudness;
import communecast.media.audio.LoudnessMeter;
import communecast.media.testing.AudioFixtures;
import communecast.media.testing.TestMedia;
import communecast.media.testing.VideoFixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upload → renditions each device needs (normalised audio; a video per LED size, also for a size that
 * appears later) → each agent downloads only its own, resumable; deleting hides media but keeps it.
 */
@MicronautTest
class MediaPipelineTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Duration WAIT = Duration.ofSeconds(60);

    Api admin;
    long commune;
    long radio;
    long led;
    String radioToken;
    String ledToken;
    Path dir;

    @BeforeAll
    void world() throws Exception {
        dir = Files.createDirectories(Path.of("target", "media-pipeline"));
        admin = Api.admin(client.toBlocking());
        commune = admin.communeIn("Tỉnh Điện Biên", "DB", "Xã Mường Phăng", "DB-MP");
        Api.Reply r = admin.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO"));
        radio = r.id();
        radioToken = Api.enroll(client.toBlocking(), r.string("enrollmentCode"));
        Api.Reply l = admin.post("/api/devices", Map.of("name", "LED chợ", "areaId", commune, "kind", "LED", "screenWidth", 384, "screenHeight", 192));
        led = l.id();
        ledToken = Api.enroll(client.toBlocking(), l.string("enrollmentCode"));
    }

    @Test
    void audioIsMeasuredNormalisedAndDrawn() {
        long id = admin.upload("Bản tin", TestMedia.tone(dir.resolve("tone.mp3"), Duration.ofSeconds(3), 440)).id();
        Map<String, Object> media = ready(id);
        assertEquals(100, ((Number) media.get("progressPercent")).intValue());
        assertNotNull(media.get("loudnessBeforeLufs"));
        assertEquals(-16.0, ((Number) media.get("loudnessAfterLufs")).doubleValue(), 1.0);
        List<?> renditions = (List<?>) media.get("renditions");
        assertEquals(1, renditions.size(), "an audio bulletin has one rendition: the broadcast audio");
        assertEquals("AUDIO", ((Map<?, ?>) renditions.getFirst()).get("kind"));
        HttpResponse<byte[]> png = client.toBlocking().exchange(HttpRequest.GET((String) media.get("waveformUrl"))
                .bearerAuth(token()), byte[].class);
        assertEquals("image/png", png.getContentType().orElseThrow().toString());

        // Staff hear what the loudspeakers will play: the normalised MP3, byte for byte.
        HttpResponse<byte[]> preview = client.toBlocking().exchange(HttpRequest.GET("/api/media/" + id + "/preview")
                .bearerAuth(token()), byte[].class);
        assertEquals("audio/mpeg", preview.getContentType().orElseThrow().toString());
        assertEquals(((Map<?, ?>) renditions.getFirst()).get("sha256"), Sha256.hex(preview.body()));
        assertEquals(404, admin.get("/api/media/" + 999_999 + "/preview").status());
    }

    @Test
    void videoGetsARenditionPerScreenSizeAndEachAgentOnlyItsOwn() throws Exception {
        long id = admin.upload("Infographic PCCC", TestMedia.video(dir.resolve("info.mp4"), Duration.ofSeconds(2), 1280, 720)).id();
        Map<String, Object> media = ready(id);
        assertNotNull(media.get("posterUrl"));
        assertEquals(List.of("384x192"), videoSizes(media));

        Api.Reply small = admin.post("/api/devices", Map.of("name", "LED nhỏ", "areaId", commune, "kind", "LED", "screenWidth", 192, "screenHeight", 96));
        await().atMost(WAIT).until(() -> videoSizes(admin.get("/api/media/" + id).body()).size() == 2);
        assertEquals(List.of("192x96", "384x192"), videoSizes(admin.get("/api/media/" + id).body()));
        Object made = rendition(admin.get("/api/media/" + id).body(), "192x96").get("sha256");
        admin.post("/api/devices", Map.of("name", "LED nhỏ 2", "areaId", commune, "kind", "LED", "screenWidth", 192, "screenHeight", 96));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> {
            Map<String, Object> now = admin.get("/api/media/" + id).body();
            return videoSizes(now).size() == 2 && made.equals(rendition(now, "192x96").get("sha256"));
        });

        long campaign = airsSoon(id, List.of(led, small.id(), radio));
        await().atMost(WAIT).until(() -> admin.list("/api/broadcast-logs?campaignId=" + campaign).size() == 2);
        assertTrue(admin.list("/api/broadcast-logs?campaignId=" + campaign).stream().noneMatch(l -> ((Number) l.get("deviceId")).longValue() == radio),
                "a silent video is not planned for a loudspeaker");

        HttpResponse<byte[]> preview = client.toBlocking().exchange(HttpRequest.GET("/api/media/" + id + "/preview")
                .bearerAuth(token()), byte[].class);
        assertEquals("video/mp4", preview.getContentType().orElseThrow().toString());

        byte[] whole = download(ledToken, id, null).body();
        Map<?, ?> mine = rendition(admin.get("/api/media/" + id).body(), "384x192");
        assertEquals(mine.get("sha256"), Sha256.hex(whole), "the LED gets the rendition made for its size");
        HttpResponse<byte[]> rest = download(ledToken, id, "bytes=1000-");
        assertEquals(206, rest.code());
        assertEquals("bytes 1000-" + (whole.length - 1) + "/" + whole.length, rest.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(whole, 1000, whole.length), rest.body());
        assertEquals(404, new Api(client.toBlocking(), null).exchange(HttpRequest.GET("/agent/media/" + id)
                .header("Authorization", "Device " + radioToken)).status(), "not an order of the radio");
    }

    /** A video's sound reaches the LED screens at the loudspeakers' loudness: a quiet clip is lifted like a bulletin. */
    @Test
    void aVideosSoundIsAsLoudAsTheRadios() throws Exception {
        float[][] quiet = AudioFixtures.speechAt(48_000, 1, 4, -30, 21);
        long id = admin.upload("Clip hướng dẫn", VideoFixtures.mp4WithSound(dir.resolve("clip.mp4"), 320, 240, quiet, 48_000)).id();
        Map<String, Object> media = ready(id);

        HttpResponse<byte[]> preview = client.toBlocking().exchange(HttpRequest.GET("/api/media/" + id + "/preview")
                .bearerAuth(token()), byte[].class);
        assertEquals("video/mp4", preview.getContentType().orElseThrow().toString());
        Loudness screen = new LoudnessMeter().measure(Files.write(dir.resolve("clip-led.mp4"), preview.body()));

        assertEquals(-30, ((Number) media.get("loudnessBeforeLufs")).doubleValue(), 1);
        assertEquals(-16, screen.integratedLufs(), 0.5, "the LED's sound: " + screen);
        assertTrue(screen.truePeakDbtp() <= -1.5, "the LED's sound: " + screen);
        assertEquals(((Number) media.get("loudnessAfterLufs")).doubleValue(), screen.integratedLufs(), 0.5,
                "as loud as the radio's MP3 of the same upload");
    }

    @Test
    void anImageBecomesAStillForTheSecondsStaffChoseOr15() {
        Path png = TestMedia.image(dir.resolve("poster.png"), 1200, 800);
        long chosen = admin.upload("Áp phích PCCC", png, Map.of("stillSeconds", "7")).id();
        long plain = admin.upload("Áp phích", png).id();

        Map<String, Object> media = ready(chosen);
        assertEquals("IMAGE", media.get("kind"));
        assertEquals(7000, ((Number) media.get("durationMs")).intValue(), "its length in plans and reports");
        assertTrue(videoSizes(media).contains("384x192"), "a still made for the LED's size");
        assertEquals(7000, ((Number) rendition(media, "384x192").get("durationMs")).intValue());
        assertNotNull(media.get("posterUrl"));
        assertEquals(15000, ((Number) ready(plain).get("durationMs")).intValue());
    }

    @Test
    void aFileNameIsOnlyATitleNeverAPath() throws Exception {
        String escape = "escape-" + System.nanoTime() + ".mp3";
        String name = "../../../../" + escape;
        MultipartBody body = MultipartBody.builder().addPart("file", name, MediaType.APPLICATION_OCTET_STREAM_TYPE,
                TestMedia.tone(dir.resolve("named.mp3"), Duration.ofSeconds(1), 500).toFile()).build();

        long id = admin.exchange(HttpRequest.POST("/api/media", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE)).id();

        assertEquals(name, ready(id).get("title"), "with no title given, the file's name is the title");
        try (Stream<Path> files = Files.walk(Path.of("target").toAbsolutePath().getParent())) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().equals(escape)).toList());
        }
    }

    @Test
    void deletedMediaIsHiddenButKept() {
        long id = admin.upload("Bản tin cũ", TestMedia.tone(dir.resolve("old.wav"), Duration.ofSeconds(1), 300)).id();
        ready(id);
        long campaign = airsSoon(id, List.of(radio));
        await().atMost(WAIT).until(() -> admin.list("/api/broadcast-logs?campaignId=" + campaign).size() == 1);
        assertEquals(200, admin.exchange(HttpRequest.DELETE("/api/media/" + id)).status());
        assertTrue(admin.list("/api/media").stream().noneMatch(m -> ((Number) m.get("id")).longValue() == id));
        Api.Reply kept = admin.get("/api/media/" + id);
        assertEquals(200, kept.status());
        assertNotNull(kept.body().get("deletedAt"));
        Api.Reply refused = admin.post("/api/campaigns", campaignBody(id, List.of(radio), LocalDateTime.now(ZONE).plusHours(1)));
        assertEquals(400, refused.status());
        assertEquals("MEDIA_DELETED", refused.string("code"));
        assertEquals(200, download(radioToken, id, null).code(), "an order already out still gets its file");
    }

    private Map<String, Object> ready(long id) {
        await().atMost(WAIT).until(() -> !"PROCESSING".equals(admin.get("/api/media/" + id).string("status")));
        Map<String, Object> media = admin.get("/api/media/" + id).body();
        assertEquals("READY", media.get("status"), () -> "media " + media);
        return media;
    }

    private long airsSoon(long mediaId, List<Long> devices) {
        long id = admin.post("/api/campaigns", campaignBody(mediaId, devices, LocalDateTime.now(ZONE).plusMinutes(5))).id();
        assertEquals("APPROVED", admin.post("/api/campaigns/" + id + "/approve", Map.of()).string("status"));
        return id;
    }

    private static Map<String, Object> campaignBody(long mediaId, List<Long> devices, LocalDateTime at) {
        LocalDateTime when = at.truncatedTo(ChronoUnit.SECONDS);
        return Map.of("title", "Tuyên truyền", "level", "NORMAL", "startDate", when.toLocalDate().toString(),
                "endDate", when.toLocalDate().toString(), "targets", Map.of("deviceIds", devices),
                "items", List.of(Map.of("mediaId", mediaId, "rule", Map.of("type", "ONCE", "at", when.toString()))));
    }

    private HttpResponse<byte[]> download(String deviceToken, long mediaId, String range) {
        var request = HttpRequest.GET("/agent/media/" + mediaId).header("Authorization", "Device " + deviceToken);
        if (range != null) {
            request.header("Range", range);
        }
        return client.toBlocking().exchange(request, byte[].class);
    }

    private static List<String> videoSizes(Map<String, Object> media) {
        return ((List<?>) media.get("renditions")).stream().map(r -> (Map<?, ?>) r)
                .filter(r -> "VIDEO".equals(r.get("kind")) && "READY".equals(r.get("status")))
                .map(r -> r.get("screenWidth") + "x" + r.get("screenHeight")).sorted().toList();
    }

    private static Map<?, ?> rendition(Map<String, Object> media, String size) {
        return ((List<?>) media.get("renditions")).stream().map(r -> (Map<?, ?>) r)
                .filter(r -> size.equals(r.get("screenWidth") + "x" + r.get("screenHeight"))).findFirst().orElseThrow();
    }

    private String token() {
        return Api.admin(client.toBlocking()).tokenForTests();
    }
}
