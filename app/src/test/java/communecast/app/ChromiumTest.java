package communecast.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
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

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A live server driven by Debian's headless Chromium (installed by .ci/run; without it the tests are skipped):
 * log in as staff, screenshot a page under app/target/ui-screenshots, read back a downloaded file.
 */
abstract class ChromiumTest extends LiveServerTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/ui-screenshots");
    static final Path DOWNLOADS = Path.of("target/ui-downloads").toAbsolutePath();
    static final Dimension DESK = new Dimension(1366, 768);
    static final Dimension PHONE = new Dimension(360, 740);

    WebDriver browser;

    @BeforeAll
    void startBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "no /usr/bin/chromium and /usr/bin/chromedriver here (.ci/run installs Debian's chromium and chromium-driver)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768", "--lang=vi");
        // Report files land where the test reads them back, without a "save as" prompt.
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    /** A fresh session: the cookies of whoever was logged in before are dropped first. */
    void logIn(String username) {
        logIn(username, "password-123");
    }

    void logIn(String username, String password) {
        browser.get(server.getURI() + "/ui/login");
        browser.manage().deleteAllCookies();
        browser.get(server.getURI() + "/ui/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("awaiting")));
    }

    /** The window (the page's viewport, headless) at a desk's or a phone's size. */
    void resize(Dimension size) {
        browser.manage().window().setSize(size);
    }

    /** How much wider than the window the page is laid out: 0 when nothing sticks out sideways. */
    long overflow() {
        return (Long) ((JavascriptExecutor) browser).executeScript(
                "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)");
    }

    void shot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A finished download of this format (Chromium writes *.crdownload until it is complete). */
    static Path downloaded(String format) throws Exception {
        try (var files = Files.list(DOWNLOADS)) {
            return files.filter(f -> f.getFileName().toString().endsWith("." + format)).findFirst().orElse(null);
        }
    }

    static void emptyDownloads() throws Exception {
        Files.createDirectories(DOWNLOADS);
        try (var old = Files.list(DOWNLOADS)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
    }
}
