package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A resident opens the commune's public page in a browser, on a desk or a phone, and the bulletin plays. */
@MicronautTest
class PublicPageBrowserTest extends ChromiumTest {
    @Test
    void aResidentHearsThePublicBulletinOnADeskAndAPhone() throws Exception {
        Api admin = Api.login(client.toBlocking(), "admin", TestServer.ADMIN_PASSWORD);
        long commune = admin.communeIn("Tỉnh Hà Giang", "HGB", "Xã Lũng Cú", "HGB-LC");
        long radio = admin.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO")).id();
        long media = admin.upload("Phòng chống cháy rừng", TestMedia.tone(Files.createTempDirectory("public").resolve("a.wav"), Duration.ofSeconds(3), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        admin.put("/api/media/" + media + "/public", Map.of("public", true));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        long campaign = admin.post("/api/campaigns", Map.of("title", "Tuyên truyền phòng cháy rừng", "level", "NORMAL", "startDate", today.toString(),
                "endDate", today.plusDays(3).toString(), "targets", Map.of("deviceIds", List.of(radio)),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "DAILY", "times", List.of("10:00")))))).id();
        admin.post("/api/campaigns/" + campaign + "/approve", Map.of());

        browser.manage().deleteAllCookies();
        for (var size : List.of(DESK, PHONE)) {
            resize(size);
            browser.get(server.getURI() + "/public/areas/HGB-LC");
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("public-" + media)));
            assertEquals(0, overflow(), "the page fits a " + size.getWidth() + " px window");
            shot("public-area-" + size.getWidth());
        }
        Object seconds = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const audio = document.querySelector('#public-%d audio');
                audio.addEventListener('loadedmetadata', () => done(audio.duration));
                audio.addEventListener('error', () => done(-1));
                audio.load();""".formatted(media));
        assertTrue(((Number) seconds).doubleValue() > 2.5, "the player loads the bulletin without a login: " + seconds);
    }
}
