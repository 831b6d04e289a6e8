package communecast.app;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A notice typed as text becomes an audio bulletin read by the real eSpeak NG Vietnamese voice, processed like an
 * upload (−16 LUFS, MP3, waveform), its text kept; what a Vietnamese voice cannot read is refused before it speaks.
 */
@MicronautTest
class SpokenBulletinTest extends LiveServerTest {
    static final String NOTICE = "UBND xã Lợi Bác thông báo: từ 7h30 ngày 15/3/2026, tạm ngừng cấp nước để sửa đường ống. "
            + "Bà con chủ động trữ nước. Khi có cháy, gọi 114!";

    Api admin;

    @BeforeAll
    void world() {
        assumeTrue(onPath("espeak-ng"), "eSpeak NG is not installed (apt-get install espeak-ng): the TTS tests are skipped");
        admin = Api.admin(client.toBlocking());
    }

    @Test
    void aNoticeBecomesAReadyAudioBulletinThatKeepsItsText() {
        Api.Reply made = admin.post("/api/media/tts", Map.of("title", "Thông báo cắt nước", "text", NOTICE, "voice", "south", "rate", 0.9));
        assertEquals(202, made.status());
        assertEquals("PROCESSING", made.string("status"));
        Map<String, Object> media = ready(made.id());
        assertEquals("AUDIO", media.get("kind"));
        assertEquals(NOTICE, media.get("text"), "the text is kept as typed");
        assertTrue(((Number) media.get("durationMs")).longValue() > 5_000, "a few sentences take seconds to say: " + media.get("durationMs"));
        assertEquals(-16.0, ((Number) media.get("loudnessAfterLufs")).doubleValue(), 1.0, "normalised like any upload");
        HttpResponse<byte[]> preview = client.toBlocking().exchange(HttpRequest.GET("/api/media/" + made.id() + "/preview")
                .bearerAuth(admin.tokenForTests()), byte[].class);
        assertEquals("audio/mpeg", preview.getContentType().orElseThrow().toString(), "heard before it is scheduled");
    }

    @Test
    void aLongTextIsSpokenInPartsJoinedIntoOneBulletin() {
        String sentence = "Đề nghị bà con thực hiện nghiêm các biện pháp phòng cháy chữa cháy trong mùa hanh khô năm 2026. ";
        String text = sentence.repeat(4_900 / sentence.length());
        assertTrue(text.length() > 4_000 && text.length() <= 5_000);
        long shortOne = ((Number) ready(admin.post("/api/media/tts", Map.of("title", "Một câu", "text", sentence)).id()).get("durationMs")).longValue();
        Map<String, Object> media = ready(admin.post("/api/media/tts", Map.of("title", "Phòng cháy mùa khô", "text", text)).id());
        long parts = text.length() / sentence.length();
        assertTrue(((Number) media.get("durationMs")).longValue() > parts * shortOne * 8 / 10,
                "every part is in the one file: " + media.get("durationMs") + " ms for " + parts + " sentences of " + shortOne + " ms");
    }

    @Test
    void whatAVietnameseVoiceCannotReadIsRefusedClearly() {
        assertRefused(Map.of("title", "T", "text", "  "), 400, "MISSING_FIELD");
        assertRefused(Map.of("text", NOTICE), 400, "MISSING_FIELD");
        assertRefused(Map.of("title", "T", "text", "a".repeat(5_001)), 400, "TEXT_TOO_LONG");
        assertRefused(Map.of("title", "T", "text", "x".repeat(10 * 1024 * 1024)), 413, "PAYLOAD_TOO_LARGE");
        assertRefused(Map.of("title", "T", "text", "Thông báo 通知 khẩn"), 400, "NOT_VIETNAMESE");
        assertRefused(Map.of("title", "T", "text", "Внимание"), 400, "NOT_VIETNAMESE");
        assertRefused(Map.of("title", "T", "text", NOTICE, "voice", "robot"), 400, "BAD_VOICE");
        assertRefused(Map.of("title", "T", "text", NOTICE, "rate", 5), 400, "BAD_RATE");
        assertEquals(400, admin.postRaw("/api/media/tts", "{\"title\": \"T\", \"text\": ").status(), "bad JSON");
        admin.post("/api/users", Map.of("username", "xem-tts", "password", "password-123", "role", "VIEWER"));
        Api viewer = Api.login(client.toBlocking(), "xem-tts", "password-123");
        Api.Reply refused = viewer.post("/api/media/tts", Map.of("title", "T", "text", NOTICE));
        assertEquals(403, refused.status(), "a VIEWER makes no bulletin");
        assertTrue(admin.list("/api/media").stream().noneMatch(m -> "T".equals(m.get("title"))), "nothing refused was kept");
    }

    @Test
    void theMediaPageWritesTheBulletinAndShowsItsTextAndPlayer() throws Exception {
        PageSession page = PageSession.loggedIn(server.getURI(), "admin", TestServer.ADMIN_PASSWORD);
        String library = page.get("/ui/media").body();
        assertTrue(library.contains("Soạn bản tin từ văn bản") && library.contains("Giọng Nam") && !library.contains("id=\"no-speech\""), library);
        var made = page.post("/ui/media/tts", Map.of("_csrf", PageSession.csrf(library), "title", "Họp dân thôn Kép",
                "text", "Mời bà con dự họp lúc 19:30 tại nhà văn hoá.", "voice", "NORTH", "rate", "1.0"));
        assertEquals(303, made.statusCode(), made.body());
        long id = admin.list("/api/media").stream().filter(m -> "Họp dân thôn Kép".equals(m.get("title")))
                .map(m -> ((Number) m.get("id")).longValue()).findFirst().orElseThrow();
        ready(id);
        String row = page.get("/ui/media/" + id + "/row").body();
        assertTrue(row.contains("Mời bà con dự họp lúc 19:30 tại nhà văn hoá.") && row.contains("<audio"), "its text and a player: " + row);

        var refused = page.post("/ui/media/tts", Map.of("_csrf", PageSession.csrf(library), "title", "Sai", "text", "中文", "rate", "1.0"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Văn bản không đọc được bằng giọng tiếng Việt") && refused.body().contains("«中»"),
                "the refusal in Vietnamese, beside the form: " + refused.body());
        assertTrue(refused.body().contains(">中文</textarea>"), "what was typed is kept");
    }

    private void assertRefused(Map<String, Object> body, int status, String code) {
        Api.Reply reply = admin.post("/api/media/tts", body);
        assertEquals(status, reply.status(), () -> body.keySet() + ": " + reply.body());
        assertEquals(code, reply.string("code"), () -> String.valueOf(reply.body()));
    }

    private Map<String, Object> ready(long id) {
        await().atMost(Duration.ofSeconds(90)).until(() -> !"PROCESSING".equals(admin.get("/api/media/" + id).string("status")));
        Map<String, Object> media = admin.get("/api/media/" + id).body();
        assertEquals("READY", media.get("status"), () -> "the bulletin was processed: " + media);
        return media;
    }

    static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
