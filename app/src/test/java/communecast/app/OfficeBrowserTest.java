package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The office in a real browser, without curl: an admin sets up a province and its people, a user changes their
 * password, the logs are found with pickers and exported, an officer fires an emergency from a phone, and every
 * page reads at a desk (1366×768) and on a phone (360×740) with nothing wider than the screen.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfficeBrowserTest extends ChromiumTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final java.time.format.DateTimeFormatter WRITTEN = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T");
    static final Pattern STATUS_CODE = Pattern.compile("\\b(PENDING|PLAYED|MISSED|FAILED|PREEMPTED|CANCELLED|OFFLINE|ONLINE|DELIVERED"
            + "|DRAFT|SUBMITTED|APPROVED|REJECTED|PAUSED|COMPLETED|ADMIN|EDITOR|APPROVER|VIEWER|READY|PROCESSING|AUDIO|VIDEO|STREAM|IMAGE)\\b");

    @Test
    void anAdminSetsUpAProvinceAndItsPeopleWhoChangeAndLoseTheirPasswords() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        browser.get(server.getURI() + "/ui/login");
        browser.manage().deleteAllCookies();
        browser.get(server.getURI() + "/");
        waiting().until(ExpectedConditions.urlContains("/ui/login"));
        browser.get(server.getURI() + "/ui/logs?status=MISSED");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(TestServer.ADMIN_PASSWORD);
        browser.findElement(By.id("login")).click();
        waiting().until(ExpectedConditions.urlToBe(server.getURI() + "/ui/logs?status=MISSED"));

        browser.get(server.getURI() + "/ui/areas");
        long province = addArea("Tỉnh Cao Bằng", "CB-UI", "PROVINCE", "");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("areas"), "Tỉnh Cao Bằng"));
        long commune = addArea("Xã Hà Quảng", "CB-UI-HQ", "COMMUNE", String.valueOf(province));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("areas"), "Xã Hà Quảng"));
        browser.get(server.getURI() + "/ui/areas?open=" + commune);
        long village = addArea("Thôn Nà Giàng", "CB-UI-HQ-NG", "VILLAGE", String.valueOf(commune));
        browser.get(server.getURI() + "/ui/areas?open=" + commune);
        assertTrue(browser.findElement(By.id("area-" + village)).getText().contains("Thôn Nà Giàng"));
        shot("12-areas");

        browser.get(server.getURI() + "/ui/users");
        browser.findElement(By.id("new-username")).sendKeys("bien-tap-ha-quang");
        browser.findElement(By.id("new-password")).sendKeys("password-123");
        new Select(browser.findElement(By.id("new-role"))).selectByValue("EDITOR");
        new Select(browser.findElement(By.id("new-area"))).selectByValue(String.valueOf(commune));
        browser.findElement(By.id("add-user-button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("accounts"), "bien-tap-ha-quang"));
        long user = admin.list("/api/users").stream().filter(u -> "bien-tap-ha-quang".equals(u.get("username")))
                .map(u -> ((Number) u.get("id")).longValue()).findFirst().orElseThrow();
        assertTrue(browser.findElement(By.id("account-" + user)).getText().contains("Biên tập"), "the role in words");
        shot("13-users");

        logIn("bien-tap-ha-quang");
        browser.get(server.getURI() + "/ui/users");
        browser.findElement(By.id("current-password")).sendKeys("password-123");
        browser.findElement(By.id("own-new-password")).sendKeys("mat-khau-moi-456");
        browser.findElement(By.id("own-password-button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        shot("14-own-password");
        Api editor = Api.login(client.toBlocking(), "bien-tap-ha-quang", "mat-khau-moi-456");
        assertEquals(401, new Api(client.toBlocking(), null).post("/api/auth/login",
                Map.of("username", "bien-tap-ha-quang", "password", "password-123")).status(), "the old password is gone");
        assertEquals(200, editor.get("/api/areas/" + commune).status());

        logIn("admin", TestServer.ADMIN_PASSWORD);
        browser.get(server.getURI() + "/ui/users");
        browser.findElement(By.id("disable-" + user)).click();
        browser.switchTo().alert().accept();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-" + user), "Đã khoá"));
        assertEquals(401, editor.get("/api/areas/" + commune).status(), "a disabled user's token stops at once");
    }

    @Test
    void theLogsAreFoundWithPickersAndExported() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Bắc Giang", "BG-UI", "Xã Lục Ngạn", "BG-UI-LN");
        long device = admin.post("/api/devices", Map.of("name", "Loa thôn Kép", "areaId", commune, "kind", "RADIO")).id();
        admin.post("/api/devices", Map.of("name", "Loa chợ Chũ", "areaId", commune, "kind", "RADIO"));
        long media = admin.upload("Bản tin nông thôn mới", TestMedia.tone(Files.createTempDirectory("logs").resolve("ntm.wav"),
                Duration.ofSeconds(2), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        LocalDate today = LocalDate.now(ZONE);
        long campaign = admin.post("/api/campaigns", Map.of("title", "Xây dựng nông thôn mới", "level", "NORMAL",
                "startDate", today.toString(), "endDate", today.plusDays(3).toString(), "targets", Map.of("areaIds", List.of(commune)),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "DAILY", "times", List.of("11:00", "16:30")))))).id();
        admin.post("/api/campaigns/" + campaign + "/approve", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> !admin.list("/api/broadcast-logs?deviceId=" + device).isEmpty());

        logIn("admin", TestServer.ADMIN_PASSWORD);
        browser.get(server.getURI() + "/ui/logs");
        new Select(browser.findElement(By.id("campaignId"))).selectByVisibleText("Xây dựng nông thôn mới");
        new Select(browser.findElement(By.id("areaId"))).selectByVisibleText("Xã Lục Ngạn");
        browser.findElement(By.cssSelector("#log-filters button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#deviceId option[value='" + device + "']")));
        new Select(browser.findElement(By.id("deviceId"))).selectByVisibleText("Loa thôn Kép");
        new Select(browser.findElement(By.id("status"))).selectByVisibleText("Chờ phát");
        browser.findElement(By.cssSelector("#log-filters button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("deviceId=" + device));
        String table = browser.findElement(By.id("logs")).getText();
        assertTrue(table.contains("Xây dựng nông thôn mới") && table.contains("Loa thôn Kép") && table.contains("Chờ phát"), table);
        assertFalse(table.contains("Loa chợ Chũ"), "only the device picked");

        // Days typed as offices write them, shown back the same way; a day without this play leaves the table empty.
        LocalDate aired = java.time.OffsetDateTime.parse(admin.list("/api/broadcast-logs?deviceId=" + device + "&status=PENDING").getFirst()
                .get("scheduledAt").toString()).atZoneSameInstant(ZONE).toLocalDate();
        typeDays(aired.getDayOfMonth() + "/" + aired.getMonthValue() + "/" + aired.getYear(), aired.format(WRITTEN));
        assertEquals(aired.format(WRITTEN), browser.findElement(By.id("from")).getDomProperty("value"), "20/3/2026 is shown back as 20/03/2026");
        assertTrue(browser.findElement(By.id("logs")).getText().contains("Loa thôn Kép"), "the day of the play keeps it");
        shot("15-logs-picked");
        typeDays(aired.minusDays(3).format(WRITTEN),
                aired.minusDays(2).format(WRITTEN));
        assertFalse(browser.findElement(By.id("logs")).getText().contains("Loa thôn Kép"), "days before the campaign show no play");
        typeDays("", "");

        emptyDownloads();
        browser.findElement(By.id("export-xlsx")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> downloaded("xlsx") != null);
        try (var workbook = org.apache.poi.ss.usermodel.WorkbookFactory.create(downloaded("xlsx").toFile())) {
            StringBuilder cells = new StringBuilder();
            workbook.getSheetAt(0).forEach(row -> row.forEach(cell -> cells.append(cell).append('|')));
            assertTrue(cells.toString().contains("Loa thôn Kép|Xã Lục Ngạn|") && !cells.toString().contains("Loa chợ Chũ"), cells.toString());
        }
    }

    @Test
    void anOfficerOnDutyFiresAnEmergencyFromAPhone() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Yên Bái", "YB-UI", "Xã Mù Cang Chải", "YB-UI-MCC");
        admin.post("/api/devices", Map.of("name", "Loa bản Lìm Mông", "areaId", commune, "kind", "RADIO"));
        admin.post("/api/users", Map.of("username", "truc-ban-mcc", "password", "password-123", "role", "EDITOR", "areaId", commune));
        long media = admin.upload("Cảnh báo sạt lở", TestMedia.tone(Files.createTempDirectory("phone").resolve("sl.wav"), Duration.ofSeconds(2), 880)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        resize(PHONE);
        try {
            logIn("truc-ban-mcc");
            assertEquals(0, overflow(), "the dashboard fits the phone");
            browser.get(server.getURI() + "/ui/emergency");
            WebElement review = waiting().until(ExpectedConditions.elementToBeClickable(By.id("review-emergency")));
            assertTrue(review.getSize().getWidth() >= 280, "the big button spans the phone: " + review.getSize());
            browser.findElement(By.id("area-" + commune)).click();
            assertEquals(0, overflow(), "the emergency form fits the phone");
            shot("16-emergency-phone");
            review.click();
            waiting().until(ExpectedConditions.elementToBeClickable(By.id("start-emergency"))).click();
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("emergency-counts"), "Mất kết nối"));
            assertTrue(browser.findElement(By.id("emergency-devices")).getText().contains("Loa bản Lìm Mông"), "the device in trouble is named");
            assertTrue(browser.findElement(By.id("stop-emergency")).isDisplayed());
            assertEquals(0, overflow(), "the live status fits the phone");
            shot("17-emergency-status-phone");
            browser.findElement(By.id("stop-emergency")).click();
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("emergency-stopped")));
        } finally {
            resize(DESK);
        }
    }

    /**
     * Each page at a desk and on a phone, last, with what the other tests made: screenshotted, nothing sticking out
     * sideways, no ISO instant or bare code.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void everyPageReadsAtADeskAndOnAPhone() throws Exception {
        logIn("admin", TestServer.ADMIN_PASSWORD);
        List<String> pages = List.of("/ui", "/ui/media", "/ui/campaigns", "/ui/campaigns/new", "/ui/approvals", "/ui/clashes",
                "/ui/reports", "/ui/devices", "/ui/logs", "/ui/emergency", "/ui/areas", "/ui/users", "/ui/alerts");
        try {
            for (String page : pages) {
                String name = page.equals("/ui") ? "dashboard" : page.substring(4).replace('/', '-');
                for (var size : List.of(DESK, PHONE)) {
                    resize(size);
                    browser.get(server.getURI() + page);
                    waiting().until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
                    shot("page-" + name + "-" + size.getWidth());
                    String text = browser.findElement(By.tagName("body")).getText();
                    assertFalse(ISO_INSTANT.matcher(text).find(), page + " shows an ISO instant: " + text);
                    var code = STATUS_CODE.matcher(text);
                    assertFalse(code.find(), page + " shows the code " + (code.hitEnd() ? "" : code.group()) + " to a Vietnamese user");
                    if (size == PHONE) {
                        assertEquals(0, overflow(), page + " is wider than a phone");
                    }
                }
            }
        } finally {
            resize(DESK);
        }
    }

    /** Adds an area through the page's form and answers its id once the server has it. */
    private long addArea(String name, String code, String kind, String parentId) {
        browser.findElement(By.id("area-name")).sendKeys(name);
        browser.findElement(By.id("area-code")).sendKeys(code);
        new Select(browser.findElement(By.id("area-kind"))).selectByValue(kind);
        new Select(browser.findElement(By.id("area-parent"))).selectByValue(parentId);
        browser.findElement(By.id("add-area-button")).click();
        Api admin = Api.admin(client.toBlocking());
        return await().atMost(Duration.ofSeconds(15)).until(() -> admin.list("/api/areas").stream().filter(a -> code.equals(a.get("code")))
                .map(a -> ((Number) a.get("id")).longValue()).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    /** Types the log filter's days and sends the form; waits for the page that filters by them. */
    private void typeDays(String from, String to) {
        for (var field : Map.of("from", from, "to", to).entrySet()) {
            WebElement input = browser.findElement(By.id(field.getKey()));
            input.clear();
            input.sendKeys(field.getValue());
        }
        WebElement shown = browser.findElement(By.id("logs"));
        browser.findElement(By.cssSelector("#log-filters button[type=submit]")).click();
        waiting().until(ExpectedConditions.stalenessOf(shown));
    }
}
