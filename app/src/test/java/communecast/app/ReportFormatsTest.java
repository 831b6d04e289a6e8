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

        String csv = new String(download(editor, id, "csv"), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFF"), "a byte order mark, for Excel");
        assertTrue(csv.contains(TITLE) && csv.contains("Loa bản Phăng,1,0"), csv);

        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(download(editor, id, "xlsx")))) {
            List<String> cells = cells(workbook.getSheetAt(0));
            assertTrue(cells.containsAll(List.of("BÁO CÁO KẾT QUẢ PHÁT SÓNG", TITLE, "Kế hoạch số 12/KH-UBND", "Loa bản Phăng", "Tổng cộng")), cells.toString());
            assertEquals(1.0, workbook.getSheetAt(0).getRow(12).getCell(3).getNumericCellValue(),
                    "planned plays (of the first commune, under the facts and the three plan lines) are a number staff can sum");
        }

        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(download(editor, id, "pdf"))) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
        }
        for (String expected : List.of("Xã Mường Phăng", "BÁO CÁO KẾT QUẢ PHÁT SÓNG", TITLE, "Loa bản Phăng", "Tổng cộng")) {
            assertTrue(text.contains(expected), "the PDF says '" + expected + "': " + text);
        }
        assertEquals(400, admin.get("/api/reports/campaigns/" + id + "?format=docx").status());
    }

    private byte[] download(Api admin, long id, String format) {
        HttpResponse<byte[]> response = client.toBlocking().exchange(HttpRequest.GET("/api/reports/campaigns/" + id + "?format=" + format)
                .bearerAuth(admin.tokenForTests()), byte[].class);
        assertTrue(response.header("Content-Disposition").matches("attachment; filename=\"[^\"]+\\." + format + "\"; filename\\*=UTF-8''\\S+\\." + format));
        return response.body();
    }

    private static List<String> cells(Sheet sheet) {
        List<String> cells = new ArrayList<>();
        for (Row row : sheet) {
            row.forEach(c -> cells.add(c.toString()));
        }
        return cells;
    }
}
