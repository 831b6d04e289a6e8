package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The campaign report in every format, read back as a user's program would, Vietnamese letters included. */
@MicronautTest
class ReportFormatsTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String TITLE = "Tuyên truyền phòng chống cháy rừng mùa khô";

    @Test
    void csvXlsxAndPdfSayTheSameInVietnamese() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Điện Biên", "DB", "Xã Mường Phăng", "DB-MP");
        long device = admin.post("/api/devices", Map.of("name", "Loa bản Phăng", "areaId", commune, "kind", "RADIO")).id();
        long media = admin.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("rep").resolve("b.wav"), Duration.ofSeconds(1), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        LocalDateTime at = LocalDateTime.now(ZONE).plusHours(2).truncatedTo(ChronoUnit.SECONDS);
        admin.post("/api/users", Map.of("username", "bien-tap", "password", "password-123", "role", "EDITOR", "areaId", commune));
        Api editor = Api.login(client.toBlocking(), "bien-tap", "password-123");
        long id = editor.post("/api/campaigns", Map.of("title", TITLE, "legalBasis", "Kế hoạch số 12/KH-UBND", "level", "NORMAL",
                "startDate", at.toLocalDate().toString(), "endDate", at.toLocalDate().toString(),
                "targets", Map.of("deviceIds", List.of(device)),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "ONCE", "at", at.toString()))))).id();
        admin.post("/api/campaigns/" + id + "/approve", Map.of());
        assertEquals("Ủy ban nhân dân xã Mường Phăng", editor.get("/api/areas/" + commune + "/letterhead").string("unitName"),
                "by default the commune's People's Committee issues its reports");
        editor.put("/api/areas/" + commune + "/letterhead", Map.of("signerName", "Lò Văn Pâng"));
        String dateLine = "Mường Phăng, ngày " + dateLine(LocalDate.now(ZONE));
        // Nghị định 30's layout, in reading order: header, number, place and date, title, body, table, signature.
        List<String> document = List.of("ỦY BAN NHÂN DÂN XÃ MƯỜNG PHĂNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "/BC-UBND", dateLine, "BÁO CÁO", "Kết quả phát sóng chiến dịch tuyên truyền «" + TITLE + "»",
                "Kế hoạch số 12/KH-UBND", "Loa bản Phăng", "Tổng cộng", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                "(Ký, ghi rõ họ tên)", "Lò Văn Pâng");

        String csv = new String(download(editor, id, "csv"), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFF"), "a byte order mark, for Excel");
        assertTrue(csv.contains(TITLE) && csv.contains("Loa bản Phăng,1,0"), csv);
        assertInOrder(csv, document);

        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(download(editor, id, "xlsx")))) {
            List<String> cells = cells(workbook.getSheetAt(0));
            assertInOrder(String.join("\n", cells), document);
            Row commune1 = rowStartingWith(workbook.getSheetAt(0), "Xã Mường Phăng");
            assertEquals(1.0, commune1.getCell(3).getNumericCellValue(), "planned plays of the commune are a number staff can sum");
        }

        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(download(editor, id, "pdf"))) {
            org.apache.pdfbox.text.PDFTextStripper stripper = new org.apache.pdfbox.text.PDFTextStripper();
            stripper.setSortByPosition(true);
            text = stripper.getText(pdf);
        }
        assertInOrder(text, document);
        assertTrue(text.contains("Căn cứ: Kế hoạch số 12/KH-UBND"), text);
        assertEquals(400, admin.get("/api/reports/campaigns/" + id + "?format=docx").status());
    }

    private byte[] download(Api admin, long id, String format) {
        HttpResponse<byte[]> response = client.toBlocking().exchange(HttpRequest.GET("/api/reports/campaigns/" + id + "?format=" + format)
                .bearerAuth(admin.tokenForTests()), byte[].class);
        assertTrue(response.header("Content-Disposition").matches("attachment; filename=\"[^\"]+\\." + format + "\"; filename\\*=UTF-8''\\S+\\." + format));
        return response.body();
    }

    private static String dateLine(LocalDate day) {
        return String.format("%02d", day.getDayOfMonth()) + " tháng " + (day.getMonthValue() < 3 ? "0" : "") + day.getMonthValue()
                + " năm " + day.getYear();
    }

    private static void assertInOrder(String text, List<String> expected) {
        int at = 0;
        for (String part : expected) {
            int found = text.indexOf(part, at);
            assertTrue(found >= 0, "'" + part + "' after position " + at + " in: " + text);
            at = found + part.length();
        }
    }

    /** The table row whose second cell (after the id) is this name. */
    private static Row rowStartingWith(Sheet sheet, String name) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && row.getCell(0).getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                    && row.getCell(1) != null && name.equals(row.getCell(1).toString())) {
                return row;
            }
        }
        throw new AssertionError("no row for " + name);
    }

    private static List<String> cells(Sheet sheet) {
        List<String> cells = new ArrayList<>();
        for (Row row : sheet) {
            row.forEach(c -> cells.add(c.toString()));
        }
        return cells;
    }
}
