package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

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
 * Staff in a real browser (Debian's headless Chromium, installed by .ci/run): log in, see the dashboard,
 * fire an emergency and watch its live status; upload, build, submit and approve a campaign, and download its
 * report in each format. Each page is screenshotted under app/target/ui-screenshots.
 */
@MicronautTest
class BrowserTest extends ChromiumTest {

    @Test
    void logInAndFireAnEmergencyFromTheBigButton() throws Exception {
        Api admin = Api.admin(client.toBlocking());
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
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alerts")));
        assertTrue(browser.findElement(By.id("alerts")).getText().contains("Loa thôn Khuôn Mản"));
        assertTrue(browser.findElement(By.id("alerts")).getText().contains("Mất kết nối"), "an offline loudspeaker is an alert");
        shot("2-dashboard");

        browser.get(server.getURI() + "/ui/emergency");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("review-emergency")));
        browser.findElement(By.id("area-" + province)).click();
        shot("3-emergency");
        browser.findElement(By.id("review-emergency")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("start-emergency")));
        assertTrue(browser.findElement(By.id("emergency-summary")).getText().contains("Tỉnh Tuyên Quang"), "the confirmation names the area");
        shot("3b-emergency-confirm");
        browser.findElement(By.id("start-emergency")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("emergency-devices")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("emergency-devices"), "Mất kết nối"));
        assertTrue(browser.findElement(By.id("emergency-devices")).getText().contains("Loa thôn Khuôn Mản"));
        shot("4-emergency-status");
    }

    /**
     * Four eyes in a real browser: an editor uploads a bulletin (the bar reaches 100 %, the row follows
     * processing to READY), builds a campaign whose preview shows an overlap and a quiet-hour exclusion,
     * submits it; an approver finds it from the dashboard's count and approves it in the queue.
     */
    @Test
    void uploadBuildAndSubmitACampaignThenAnotherUserApprovesIt() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Lạng Sơn", "code", "LS", "kind", "PROVINCE")).id();
        long commune = admin.post("/api/areas", Map.of("name", "Xã Hữu Lũng", "code", "LS-HL", "kind", "COMMUNE", "parentId", province)).id();
        admin.post("/api/devices", Map.of("name", "Loa thôn Na Hoa", "areaId", commune, "kind", "RADIO"));
        admin.put("/api/areas/" + commune + "/quiet-hours", Map.of("from", "21:00", "to", "06:00"));
        admin.post("/api/users", Map.of("username", "bien-tap-ls", "password", "password-123", "role", "EDITOR", "areaId", province));
        admin.post("/api/users", Map.of("username", "lanh-dao-ls", "password", "password-123", "role", "APPROVER", "areaId", province));
        Path dir = Files.createTempDirectory("ui");
        long relay = admin.upload("Tiếp sóng VOV", TestMedia.tone(dir.resolve("vov.wav"), Duration.ofSeconds(30), 330)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + relay).string("status")));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        long airing = admin.post("/api/campaigns", Map.of("title", "Tiếp sóng VOV buổi sáng", "level", "PRIORITY", "startDate", today.toString(),
                "endDate", today.plusDays(6).toString(), "targets", Map.of("areaIds", List.of(commune)),
                "items", List.of(Map.of("mediaId", relay, "rule", Map.of("type", "DAILY", "times", List.of("06:30")))))).id();
        admin.post("/api/campaigns/" + airing + "/approve", Map.of());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

        logIn("bien-tap-ls");
        browser.get(server.getURI() + "/ui/media");
        browser.findElement(By.id("upload-title")).sendKeys("Tuyên truyền PCCC mùa khô");
        browser.findElement(By.id("upload-file")).sendKeys(TestMedia.tone(dir.resolve("pccc.wav"), Duration.ofSeconds(20), 440).toString());
        browser.findElement(By.id("upload-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("upload-percent"), "100 %"));
        assertEquals("100", browser.findElement(By.id("upload-progress")).getDomProperty("value"));
        long media = admin.list("/api/media").stream().filter(m -> "Tuyên truyền PCCC mùa khô".equals(m.get("title")))
                .map(m -> ((Number) m.get("id")).longValue()).findFirst().orElseThrow();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("media-" + media), "Sẵn sàng"));
        assertEquals("READY", admin.get("/api/media/" + media).string("status"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#media-" + media + " img")));
        shot("5-media-library");

        browser.get(server.getURI() + "/ui/campaigns/new");
        browser.findElement(By.id("title")).sendKeys("Phòng cháy, chữa cháy mùa hanh khô");
        browser.findElement(By.id("legalBasis")).sendKeys("Kế hoạch số 104/KH-UBND");
        browser.findElement(By.name("area-" + commune)).click();
        new Select(browser.findElement(By.id("item0-mediaId"))).selectByValue(String.valueOf(media));
        WebElement times = browser.findElement(By.id("item0-times"));
        times.clear();
        times.sendKeys("06:30, 17:30, 21:30");
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        shot("6-campaign-editor");
        browser.findElement(By.id("save-draft")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("calendar")));
        assertFalse(browser.findElements(By.cssSelector("#calendar .slot.conflict")).isEmpty(), "06:30 overlaps the approved relay");
        assertFalse(browser.findElements(By.cssSelector("#calendar .slot.excluded")).isEmpty(), "21:30 is in the commune's quiet hours");
        assertTrue(browser.findElement(By.id("plan-notes")).getText().contains("trong giờ không phát loa 21:00–06:00"), "the reason in words");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('items').scrollIntoView()");
        shot("7-campaign-rules");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('preview').scrollIntoView()");
        shot("8-campaign-preview");
        browser.findElement(By.id("save-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("campaign-status"), "Chờ duyệt"));
        long campaign = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/campaigns/(\\d+)/edit.*", "$1"));
        assertEquals("SUBMITTED", admin.get("/api/campaigns/" + campaign).string("status"));

        logIn("lanh-dao-ls");
        assertEquals("1", browser.findElement(By.id("awaiting")).getText());
        browser.findElement(By.id("awaiting-link")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve-" + campaign)));
        shot("9-approval-queue");
        browser.findElement(By.id("approve-" + campaign)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nothing-awaiting")));
        assertEquals("APPROVED", admin.get("/api/campaigns/" + campaign).string("status"));
        shot("10-approved");

        downloadEachReportFormat(campaign, "Phòng cháy, chữa cháy mùa hanh khô");
    }

    /** The approver takes the campaign's report from the reports page in each format, as an office attaches it. */
    private void downloadEachReportFormat(long campaign, String title) throws Exception {
        emptyDownloads();
        browser.get(server.getURI() + "/ui/reports");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(By.id("xlsx-" + campaign)));
        shot("11-reports");
        for (String format : List.of("xlsx", "pdf", "csv")) {
            browser.findElement(By.id(format + "-" + campaign)).click();
            await().atMost(Duration.ofSeconds(30)).until(() -> downloaded(format) != null);
        }
        String csv = Files.readString(downloaded("csv"));
        assertTrue(csv.startsWith("\uFEFF") && csv.contains(title), csv);
        try (var workbook = org.apache.poi.ss.usermodel.WorkbookFactory.create(downloaded("xlsx").toFile())) {
            StringBuilder cells = new StringBuilder();
            workbook.getSheetAt(0).forEach(row -> row.forEach(cell -> cells.append(cell).append('|')));
            assertTrue(cells.toString().contains(title), cells.toString());
        }
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(downloaded("pdf").toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertTrue(text.contains("mùa hanh khô"), "Vietnamese diacritics survive in the PDF: " + text);
        }
    }
}
