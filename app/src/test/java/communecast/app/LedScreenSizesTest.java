package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21: an LED size the H.264 encoder cannot make is refused at registration with the limits, and one that
 * slipped in before (an old 8×8 row) fails alone: every upload is READY for the other sizes and the radios, and
 * the failed size says why. What staff read as an error is words, never a Java class or a server path.
 */
@MicronautTest
class LedScreenSizesTest extends LiveServerTest {
    static final Duration WAIT = Duration.ofSeconds(90);
    /** A Java class, an exception's name or a server path in what staff read. */
    static final Pattern INTERNALS = Pattern.compile("java\\.|Exception|/");

    @Inject
    Jdbi jdbi;
    @Inject
    AppSettings settings;

    Api admin;
    long commune;
    Path dir;

    @BeforeAll
    void world() throws Exception {
        dir = Files.createDirectories(Path.of("target", "led-screen-sizes"));
        admin = Api.admin(client.toBlocking());
        commune = admin.communeIn("Tỉnh Hà Giang", "HG", "Xã Lũng Cú", "HG-LC");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"8, 8", "10, 10", "12, 12", "14, 16", "16, 14", "7680, 4320", "4096, 2320", "7680, 1232", "7682, 16", "383, 192"})
    void aSizeTheEncoderCannotMakeIsRefusedWithTheLimits(int width, int height) {
        Api.Reply refused = admin.post("/api/devices", Map.of("name", "LED " + width + "x" + height, "areaId", commune,
                "kind", "LED", "screenWidth", width, "screenHeight", height));

        assertEquals(400, refused.status(), refused::toString);
        assertEquals("BAD_SCREEN_SIZE", refused.string("code"));
        String message = refused.string("message");
        assertTrue(message.startsWith("screen " + width + "×" + height + " "), message);
        assertTrue(message.contains("from 16 to 7680") && message.contains("4096×2304"), message);
        assertTrue(admin.list("/api/devices").stream().noneMatch(d -> d.get("name").equals("LED " + width + "x" + height)));
    }

    /** The edges of what is accepted make a real rendition of exactly that size. */
    @Test
    void theSmallestAndLargestSizesGetTheirRendition() throws Exception {
        List<String> sizes = List.of("16x16", "4096x2304", "7680x64");
        led("LED nhỏ nhất", 16, 16);
        led("LED lớn nhất", 4096, 2304);
        led("Dải LED", 7680, 64);
        long id = admin.upload("Áp phích", TestMedia.image(dir.resolve("edges.png"), 1200, 800), Map.of("stillSeconds", "1")).id();

        await().atMost(WAIT).until(() -> sizes.stream().allMatch(size -> "READY".equals(status(id, size))));
        for (String size : sizes) {
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(stored((String) rendition(id, size).get("sha256")).toFile())) {
                grabber.start();
                assertEquals(size, grabber.getImageWidth() + "x" + grabber.getImageHeight());
            }
        }
    }

    @Test
    void anOldSizeTheEncoderCannotMakeFailsAloneAndSaysWhy() {
        long radio = admin.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO")).id();
        led("LED chợ", 384, 192);
        // As registered before the limits were checked: the API refuses this size now.
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO device (name, area_id, kind, screen_width, screen_height, created_at)
                VALUES ('LED cũ 8×8', :area, 'LED', 8, 8, :now)""").bind("area", commune).bind("now", Instant.now()).execute());

        for (Path upload : List.of(TestMedia.image(dir.resolve("poster.png"), 800, 600),
                TestMedia.video(dir.resolve("clip.mp4"), Duration.ofSeconds(1), 640, 360))) {
            long id = admin.upload("Tuyên truyền " + upload.getFileName(), upload, Map.of("stillSeconds", "1")).id();
            await().atMost(WAIT).until(() -> !"PROCESSING".equals(admin.get("/api/media/" + id).string("status"))
                    && rendition(id, "8x8") != null && !"PROCESSING".equals(rendition(id, "8x8").get("status")));
            Map<String, Object> media = admin.get("/api/media/" + id).body();

            assertEquals("READY", media.get("status"), media::toString);
            assertNull(media.get("error"));
            assertEquals("READY", status(id, "384x192"));
            Map<?, ?> failed = rendition(id, "8x8");
            assertEquals("FAILED", failed.get("status"));
            String reason = (String) failed.get("error");
            assertTrue(reason.startsWith("screen 8×8 is too small: ") && reason.contains("from 16 to 7680"), reason);
            assertFalse(INTERNALS.matcher(reason).find(), reason);
            assertTrue(renditions(id).stream().noneMatch(r -> "PROCESSING".equals(r.get("status"))), media::toString);
        }
        long sound = admin.upload("Bản tin", TestMedia.tone(dir.resolve("tone.mp3"), Duration.ofSeconds(2), 440)).id();
        await().atMost(WAIT).until(() -> !"PROCESSING".equals(admin.get("/api/media/" + sound).string("status")));
        assertEquals("READY", admin.get("/api/media/" + sound).string("status"), "the radio " + radio + " gets its bulletin");
    }

    /**
     * The server, not the file, fails: the stored copy is gone before its turn (a disk swapped, a cleaner run
     * amok). Staff read that in words; the Java exception with the path goes to the log.
     */
    @Test
    void aMediumTheServerCannotReadIsRejectedInWords() throws Exception {
        // Holds the one media worker long enough for the next upload's file to go before its turn.
        long holder = admin.upload("Bản tin dài", TestMedia.tone(dir.resolve("long.mp3"), Duration.ofMinutes(4), 300)).id();
        Api.Reply upload = admin.upload("Bản tin mất tệp", TestMedia.tone(dir.resolve("lost.wav"), Duration.ofSeconds(2), 600));
        String sha = upload.string("sha256");
        Files.delete(stored(sha));
        assertEquals("PROCESSING", admin.get("/api/media/" + holder).string("status"), "the lost file was deleted before its turn");

        await().atMost(WAIT).until(() -> !"PROCESSING".equals(admin.get("/api/media/" + upload.id()).string("status")));
        Map<String, Object> media = admin.get("/api/media/" + upload.id()).body();
        assertEquals("REJECTED", media.get("status"));
        String error = (String) media.get("error");
        assertFalse(INTERNALS.matcher(error).find(), error);
        assertFalse(error.contains(sha), error);
    }

    private void led(String name, int width, int height) {
        Api.Reply registered = admin.post("/api/devices", Map.of("name", name, "areaId", commune, "kind", "LED",
                "screenWidth", width, "screenHeight", height));
        assertEquals(201, registered.status(), registered::toString);
    }

    /** A file in the server's media store. */
    private Path stored(String sha256) {
        return settings.dataDir().toAbsolutePath().resolve("media").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private List<Map<?, ?>> renditions(long mediaId) {
        return ((List<?>) admin.get("/api/media/" + mediaId).body().get("renditions")).stream().<Map<?, ?>>map(r -> (Map<?, ?>) r).toList();
    }

    private Map<?, ?> rendition(long mediaId, String size) {
        return renditions(mediaId).stream().filter(r -> "VIDEO".equals(r.get("kind")))
                .filter(r -> size.equals(r.get("screenWidth") + "x" + r.get("screenHeight"))).findFirst().orElse(null);
    }

    private String status(long mediaId, String size) {
        Map<?, ?> rendition = rendition(mediaId, size);
        return rendition == null ? null : (String) rendition.get("status");
    }
}
