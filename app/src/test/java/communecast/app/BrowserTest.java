package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A staff member in a real browser (Debian's headless Chromium, installed by .ci/run): logs in, sees the
 * dashboard, fires an emergency and watches its live status. Each page is screenshotted under
 * app/target/ui-screenshots.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest implements TestPropertyProvider {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/ui-screenshots");

    @Inject
    EmbeddedServer server;
    @Inject
    @Client("/")
    HttpClient client;

    WebDriver browser;

    @Override
    public Map<String, String> getProperties() {
        return TestServer.properties();
    }

    @BeforeAll
    void startBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "no /usr/bin/chromium and /usr/bin/chromedriver here (.ci/run installs Debian's chromium and chromium-driver)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void logInAndFireAnEmergencyFromTheBigButton() throws Exception {
        Api admin = Api.login(client.toBlocking(), "admin", TestServer.ADMIN_PASSWORD);
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Tuyên Quang", "code", "TQ", "kind", "PROVINCE")).id();
        admin.post("/api/devices", Map.of("name", "Loa thôn Khuôn Mản", "areaId", province, "kind", "RADIO"));
        long media = admin.upload("Báo cháy 114", TestMedia.tone(Files.createTempDirectory("ui").resolve("fire.wav"), Duration.ofSeconds(2), 880)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

        browser.get(server.getURI() + "/ui");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        shot("1-login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(TestServer.ADMIN_PASSWORD);
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("devices")));
        assertTrue(browser.findElement(By.id("devices")).getText().contains("Loa thôn Khuôn Mản"));
        assertTrue(browser.findElement(By.id("alerts")).getText().contains("Mất kết nối"), "an offline loudspeaker is an alert");
        shot("2-dashboard");

        browser.get(server.getURI() + "/ui/emergency");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("start-emergency")));
        shot("3-emergency");
        browser.findElement(By.id("start-emergency")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("emergency-devices")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("emergency-devices"), "OFFLINE"));
        assertTrue(browser.findElement(By.id("emergency-devices")).getText().contains("Loa thôn Khuôn Mản"));
        shot("4-emergency-status");
    }

    private void shot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
