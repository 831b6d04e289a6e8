package communecast.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * COMMUNECAST_TTS_COMMAND: a site's own engine, a shell command reading the text on stdin and writing a WAV on stdout,
 * told the voice and pace; when it fails, the refusal says what it printed, and nothing is kept.
 */
@MicronautTest
class SiteSpeechEngineTest extends LiveServerTest {
    static final Path CALLS = Path.of("target", "site-tts-calls.txt").toAbsolutePath();

    Api admin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestServer.properties());
        // Here the site's engine is eSpeak NG itself, behind a script that records what it was told and breaks on request.
        p.put("communecast.tts.command", "text=$(cat); echo \"$COMMUNECAST_TTS_VOICE $COMMUNECAST_TTS_RATE\" >> " + CALLS + "; "
                + "case \"$text\" in *HỎNG*) echo 'voice model missing: /opt/tts/vi.onnx' >&2; exit 3;; esac; "
                + "printf '%s' \"$text\" | espeak-ng -v vi --stdin --stdout");
        return p;
    }

    @BeforeAll
    void world() {
        assumeTrue(SpokenBulletinTest.onPath("espeak-ng"), "eSpeak NG is not installed: the site engine test is skipped");
        admin = Api.admin(client.toBlocking());
    }

    @Test
    void theSitesCommandSpeaksWithTheVoiceAndPaceAsked() throws Exception {
        Files.deleteIfExists(CALLS);
        Api.Reply made = admin.post("/api/media/tts", Map.of("title", "Lịch tiêm chủng", "text", "Tiêm chủng lúc 8h ngày 20/4.", "voice", "CENTRAL", "rate", 1.2));
        assertEquals(202, made.status(), () -> String.valueOf(made.body()));
        await().atMost(Duration.ofSeconds(60)).until(() -> !"PROCESSING".equals(admin.get("/api/media/" + made.id()).string("status")));
        assertEquals("READY", admin.get("/api/media/" + made.id()).string("status"));
        assertEquals("CENTRAL 1.2", Files.readString(CALLS).strip(), "the command was told the voice and pace");
    }

    @Test
    void aFailingEngineIsReportedWithWhatItSaidAndNothingIsKept() {
        Api.Reply failed = admin.post("/api/media/tts", Map.of("title", "Hỏng", "text", "Máy đọc HỎNG rồi."));
        assertEquals(502, failed.status());
        assertEquals("TTS_FAILED", failed.string("code"));
        assertTrue(failed.string("message").contains("exit code 3 (voice model missing: /opt/tts/vi.onnx)"), failed.string("message"));
        assertTrue(admin.list("/api/media").stream().noneMatch(m -> "Hỏng".equals(m.get("title"))), "no medium for a failed reading");
    }
}
