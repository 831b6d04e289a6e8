package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No page shows staff an ISO instant (2026-12-07T06:30:00Z, UTC) or day: every time is local, as offices write it. */
@MicronautTest
class LocalTimePagesTest extends LiveServerTest {
    /** An ISO instant or day: 2026-12-07T06:30, or 2026-12-07 alone (offices write 07/12/2026). */
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** A status or role code shown as it is stored: to a Vietnamese reader it is a word they do not use. */
    private static final Pattern BARE_CODE = Pattern.compile("\\b(PENDING|PLAYING|PLAYED|MISSED|FAILED|PREEMPTED|CANCELLED|DRAFT|SUBMITTED|APPROVED|PAUSED|COMPLETED|NORMAL|PRIORITY)\\b");
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void everyPageShowsLocalTimes() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Tuyên Quang", "TQ", "Xã Hùng Lợi", "TQ-HL");
        Api.Reply radio = admin.post("/api/devices", Map.of("name", "Loa Hùng Lợi", "areaId", commune, "kind", "RADIO"));
        String token = Api.enroll(client.toBlocking(), radio.string("enrollmentCode"));
        long media = admin.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("local").resolve("b.wav"), Duration.ofSeconds(1), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        LocalDate day = LocalDate.now(ZONE).plusDays(1);
        long campaign = admin.post("/api/campaigns", Map.of("title", "Bản tin sáng", "level", "NORMAL", "startDate", day.toString(),
                "endDate", day.toString(), "targets", Map.of("deviceIds", List.of(radio.id())),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "ONCE", "at", day + "T08:00:00"))))).id();
        assertEquals("APPROVED", admin.post("/api/campaigns/" + campaign + "/approve", Map.of()).string("status"));
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.hello(Duration.ofSeconds(30));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/devices/" + radio.id()).body().get("lastSeenAt") != null);

        PageSession office = PageSession.loggedIn(server.getURI(), "admin", TestServer.ADMIN_PASSWORD);
        for (String page : List.of("/ui", "/ui/devices", "/ui/logs", "/ui/approvals", "/ui/campaigns", "/ui/campaigns/" + campaign + "/edit",
                "/ui/media", "/ui/reports", "/ui/emergency", "/ui/clashes", "/ui/areas", "/ui/users", "/ui/alerts")) {
            // What the page shows, not its tags: a date-time input's value is local time in the form HTML requires.
            String html = office.get(page).body().replaceAll("(?s)<script.*?</script>|<[^>]*>", " ");
            Matcher iso = ISO_INSTANT.matcher(html);
            assertFalse(iso.find(), () -> page + " shows " + html.substring(Math.max(0, iso.start() - 80), Math.min(html.length(), iso.end() + 40)));
        }
        assertTrue(office.get("/ui/devices").body().contains(LocalDate.now(ZONE).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"))),
                "the last seen time, local");
        // The files staff attach: the campaign's report in each format, and the logs exported.
        for (String file : List.of("/api/reports/campaigns/" + campaign + "?format=csv&lang=vi", "/api/reports/campaigns/" + campaign + "?format=xlsx&lang=vi",
                "/api/reports/campaigns/" + campaign + "?format=pdf&lang=vi", "/ui/logs/export.csv", "/ui/logs/export.xlsx")) {
            java.net.http.HttpResponse<byte[]> got = office.download(file);
            assertEquals(200, got.statusCode(), file);
            String text = textOf(file, got.body());
            Matcher iso = ISO_INSTANT.matcher(text);
            assertFalse(iso.find(), () -> file + " shows " + text.substring(Math.max(0, iso.start() - 80), Math.min(text.length(), iso.end() + 40)));
            Matcher code = BARE_CODE.matcher(text);
            assertFalse(code.find(), () -> file + " shows the code " + code.group() + ": " + text);
        }
    }

    /** A file's words: a workbook's cells, a PDF's text, a CSV as it is. */
    private static String textOf(String file, byte[] bytes) throws Exception {
        if (file.contains("xlsx")) {
            try (var workbook = org.apache.poi.ss.usermodel.WorkbookFactory.create(new java.io.ByteArrayInputStream(bytes))) {
                StringBuilder cells = new StringBuilder();
                workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> cells.append(cell).append(' '))));
                return cells.toString();
            }
        }
        if (file.contains("pdf")) {
            try (var pdf = org.apache.pdfbox.Loader.loadPDF(bytes)) {
                return new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            }
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
