package communecast.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server without a speech engine says so: 409 TTS_UNAVAILABLE on the API, a notice and no button on the page. */
@MicronautTest
class SpeechUnavailableTest extends LiveServerTest {
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestServer.properties());
        p.put("communecast.tts.espeak-ng", "/nonexistent/espeak-ng");
        return p;
    }

    @Test
    void noEngineIsAClearRefusalAndTheFormSaysSo() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        Api.Reply refused = admin.post("/api/media/tts", Map.of("title", "Thông báo", "text", "Xin chào bà con."));
        assertEquals(409, refused.status());
        assertEquals("TTS_UNAVAILABLE", refused.string("code"));
        assertTrue(refused.string("message").contains("install espeak-ng") && refused.string("message").contains("COMMUNECAST_TTS_COMMAND"),
                refused.string("message"));
        assertEquals(400, admin.post("/api/media/tts", Map.of("title", "Thông báo", "text", "")).status(), "bad input is still bad input");

        String page = PageSession.loggedIn(server.getURI(), "admin", TestServer.ADMIN_PASSWORD).get("/ui/media").body();
        assertTrue(page.contains("id=\"no-speech\"") && page.contains("máy chủ chưa có bộ đọc văn bản: hãy cài espeak-ng"), page);
        assertTrue(page.matches("(?s).*<button id=\"speak-button\"[^>]*disabled.*"), "the button is off: " + page);
    }
}
