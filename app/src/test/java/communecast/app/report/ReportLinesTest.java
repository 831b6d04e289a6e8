package communecast.app.report;

import communecast.app.Api;
import communecast.app.TestServer;
import communecast.app.playlog.BroadcastLog;
import communecast.app.playlog.LogStatus;
import communecast.app.playlog.PlannedPlay;
import communecast.app.playlog.PlayLog;
import communecast.app.playlog.PlayReport;
import communecast.media.testing.TestMedia;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's lines on a small data set whose every figure is known: two campaigns, three devices in two
 * communes (one device in a village), plays around local midnight (UTC+7 puts 23:30 and 00:30 on different
 * local days but the same UTC day). The plays go through the real play log: planned as dispatch plans them,
 * then reported as devices report them.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportLinesTest implements TestPropertyProvider {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String C1 = "Tuyên truyền phòng cháy, chữa cháy mùa khô";
    static final String C2 = "Bản tin thời sự buổi trưa";
    static final String PERIOD = "from=2026-03-14&to=2026-03-15";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    PlayLog playLog;

    Api admin;
    long province;
    long communeA;
    long communeB;
    long d1;
    long d2;
    long d3;
    long c1;
    long c2;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestServer.properties());
        // The devices here report every outcome themselves, MISSED included; the sweep must not race them.
        p.put("communecast.playlog.missed-grace", "3650d");
        return p;
    }

    @BeforeAll
    void playsWithKnownOutcomes() throws Exception {
        admin = Api.admin(client.toBlocking());
        province = admin.post("/api/areas", Map.of("name", "Tỉnh Điện Biên", "code", "DB", "kind", "PROVINCE")).id();
        communeA = admin.post("/api/areas", Map.of("name", "Xã Mường Phăng", "code", "DB-MP", "kind", "COMMUNE", "parentId", province)).id();
        communeB = admin.post("/api/areas", Map.of("name", "Phường Điện Biên Phủ", "code", "DB-DBP", "kind", "COMMUNE", "parentId", province)).id();
        long village = admin.post("/api/areas", Map.of("name", "Bản Phăng", "code", "DB-MP-P", "kind", "VILLAGE", "parentId", communeA)).id();
        d1 = device("Đài truyền thanh xã Mường Phăng", communeA);
        d2 = device("Cụm loa bản Phăng", village);
        d3 = device("Loa chợ Điện Biên Phủ", communeB);
        long media = admin.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("rep").resolve("b.wav"), Duration.ofSeconds(1), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        admin.post("/api/users", Map.of("username", "bien-tap-tinh", "password", "password-123", "role", "EDITOR", "areaId", province));
        admin.post("/api/users", Map.of("username", "xem-phuong", "password", "password-123", "role", "VIEWER", "areaId", communeB));
        Api editor = Api.login(client.toBlocking(), "bien-tap-tinh", "password-123");
        c1 = campaign(editor, C1, "Kế hoạch số 104/KH-UBND", media);
        c2 = campaign(editor, C2, null, media);

        play(c1, d1, "2026-03-14T06:30", LogStatus.PLAYED, 60, null);
        play(c1, d1, "2026-03-14T23:30", LogStatus.PLAYED, 30, null);
        play(c1, d1, "2026-03-15T00:30", LogStatus.FAILED, 0, "media not ready: download failed (HTTP 503)");
        play(c1, d1, "2026-03-15T06:30", LogStatus.MISSED, 0, "agent was not running");
        play(c1, d2, "2026-03-14T06:30", LogStatus.PREEMPTED, 10, "cut by an emergency");
        play(c1, d2, "2026-03-15T06:30", LogStatus.PLAYED, 60, null);
        play(c1, d3, "2026-03-14T06:30", LogStatus.MISSED, 0, "agent was not running");
        play(c1, d3, "2027-01-01T06:30", null, 0, null);
        assertEquals(1, playLog.cancelFuture(c1, "campaign cancelled").size(), "the play ahead is withdrawn");
        play(c2, d1, "2026-03-15T11:00", LogStatus.PLAYED, 20, null);
        play(c2, d2, "2026-03-14T12:00", LogStatus.PLAYING, 0, null);
        play(c2, d1, "2027-01-01T11:00", null, 0, null);
    }

    @Test
    void aCampaignsReportPerCommuneDeviceAndDay() {
        Map<String, Object> report = admin.get("/api/reports/campaigns/" + c1).body();
        assertEquals(List.of(7, 3, 2, 1, 1, 1, 0, 160), ints(report, "planned", "aired", "missed", "failed", "preempted", "cancelled", "pending", "airtimeSeconds"));
        assertEquals("Ủy ban nhân dân tỉnh Điện Biên", report.get("unit"), "the unit that made the campaign");
        assertEquals(List.of("Kế hoạch số 104/KH-UBND", "2026-03-14", "2026-03-15"),
                List.of(report.get("legalBasis"), report.get("startDate"), report.get("endDate")));

        List<Map<String, Object>> communes = lines(report, "communes");
        assertEquals(List.of("Phường Điện Biên Phủ", "Xã Mường Phăng"), communes.stream().map(l -> l.get("name")).toList(),
                "in Vietnamese alphabetical order");
        assertEquals(List.of(1, 1, 0, 1, 0, 0, 0, 0), ints(communes.get(0), "devices", "planned", "aired", "missed", "failed", "preempted", "pending", "airtimeSeconds"));
        assertEquals(List.of(2, 6, 3, 1, 1, 1, 0, 160), ints(communes.get(1), "devices", "planned", "aired", "missed", "failed", "preempted", "pending", "airtimeSeconds"),
                "the village's loudspeaker counts under its commune");

        List<Map<String, Object>> devices = lines(report, "devices");
        assertEquals(List.of(d3, d2, d1), devices.stream().map(l -> ((Number) l.get("deviceId")).longValue()).toList(),
                "by commune, then by name");
        assertEquals(List.of(4, 2, 1, 1, 0, 90), ints(line(devices, "deviceId", d1), "planned", "aired", "missed", "failed", "preempted", "airtimeSeconds"));
        assertEquals(List.of(2, 1, 0, 0, 1, 70), ints(line(devices, "deviceId", d2), "planned", "aired", "missed", "failed", "preempted", "airtimeSeconds"));
        assertEquals("Xã Mường Phăng", line(devices, "deviceId", d2).get("communeName"));

        List<Map<String, Object>> days = lines(report, "days");
        assertEquals(List.of("2026-03-14", "2026-03-15", "2027-01-01"), days.stream().map(l -> l.get("day")).toList());
        assertEquals(List.of(4, 2, 1, 0, 1, 100), ints(days.get(0), "planned", "aired", "missed", "failed", "preempted", "airtimeSeconds"),
                "23:30 local is the 14th");
        assertEquals(List.of(3, 1, 1, 1, 0, 60), ints(days.get(1), "planned", "aired", "missed", "failed", "preempted", "airtimeSeconds"),
                "00:30 local is the 15th, though the same UTC day as 23:30");
        assertEquals(0, ints(days.get(2), "planned").getFirst(), "a day whose only play was withdrawn plans nothing");

        List<Map<String, Object>> why = lines(report, "notAired");
        assertEquals(List.of("MISSED 2 agent was not running", "FAILED 1 media not ready: download failed (HTTP 503)"),
                why.stream().map(w -> w.get("status") + " " + w.get("plays") + " " + w.get("reason")).toList());
    }

    @Test
    void playsNotYetFinalCountAsPendingOnTheirDay() {
        Map<String, Object> report = admin.get("/api/reports/campaigns/" + c2).body();
        assertEquals(List.of(3, 1, 1, 1, 20), ints(report, "planned", "aired", "pending", "playing", "airtimeSeconds"));
        assertEquals(List.of(2, 1, 1), ints(line(lines(report, "devices"), "deviceId", d1), "planned", "aired", "pending"));
        assertEquals(List.of(1, 0, 1), ints(line(lines(report, "devices"), "deviceId", d2), "planned", "aired", "pending"));
        List<Map<String, Object>> days = lines(report, "days");
        assertEquals(List.of("2026-03-14", "2026-03-15", "2027-01-01"), days.stream().map(l -> l.get("day")).toList());
        assertEquals(List.of(1, 1), ints(days.get(0), "planned", "pending"), "the play still PLAYING");
        assertEquals(List.of(1, 1), ints(days.get(2), "planned", "pending"), "the play ahead");
    }

    @Test
    void anAreasPeriodAcrossCampaigns() {
        Map<String, Object> report = admin.get("/api/reports/areas/" + province + "?" + PERIOD).body();
        assertEquals(List.of(9, 4, 2, 1, 1, 0, 1, 180), ints(report, "planned", "aired", "missed", "failed", "preempted", "cancelled", "playing", "airtimeSeconds"),
                "the withdrawn play and the one ahead lie outside the period");
        assertEquals(List.of("Tỉnh Điện Biên", "2026-03-14", "2026-03-15"), List.of(report.get("areaName"), report.get("from"), report.get("to")));

        List<Map<String, Object>> campaigns = lines(report, "campaigns");
        assertEquals(List.of(C1, C2), campaigns.stream().map(l -> l.get("title")).toList());
        assertEquals(List.of(7, 3, 0, 160), ints(campaigns.get(0), "planned", "aired", "pending", "airtimeSeconds"));
        assertEquals(List.of(2, 1, 1, 20), ints(campaigns.get(1), "planned", "aired", "pending", "airtimeSeconds"));
        assertEquals("Kế hoạch số 104/KH-UBND", campaigns.get(0).get("legalBasis"));

        List<Map<String, Object>> communes = lines(report, "communes");
        assertEquals(List.of(1, 8), communes.stream().map(l -> ((Number) l.get("planned")).intValue()).toList());
        assertEquals(List.of(5, 4), lines(report, "days").stream().map(l -> ((Number) l.get("planned")).intValue()).toList());
        assertEquals(3, lines(report, "devices").size());

        Map<String, Object> oneDay = admin.get("/api/reports/areas/" + province + "?from=2026-03-15&to=2026-03-15").body();
        assertEquals(List.of(4, 2, 0), ints(oneDay, "planned", "aired", "playing"));
        Map<String, Object> communeOnly = admin.get("/api/reports/areas/" + communeB + "?" + PERIOD).body();
        assertEquals(List.of(1, 1), ints(communeOnly, "planned", "missed"));
        assertEquals(List.of(C1), lines(communeOnly, "campaigns").stream().map(l -> l.get("title")).toList());
    }

    @Test
    void anAreasReportKeepsToTheUsersScopeAndSaysWhatIsWrong() {
        Api ward = Api.login(client.toBlocking(), "xem-phuong", "password-123");
        assertEquals(200, ward.get("/api/reports/areas/" + communeB + "?" + PERIOD).status());
        assertEquals("Ủy ban nhân dân phường Điện Biên Phủ", ward.get("/api/reports/areas/" + communeB + "?" + PERIOD).body().get("unit"));
        assertError(ward.get("/api/reports/areas/" + province + "?" + PERIOD), 403, "FORBIDDEN");
        assertError(ward.get("/api/reports/areas/" + communeA + "?" + PERIOD), 403, "FORBIDDEN");
        assertError(admin.get("/api/reports/areas/987654?" + PERIOD), 404, "NOT_FOUND");
        assertError(admin.get("/api/reports/areas/" + province), 400, "BAD_DATES");
        assertError(admin.get("/api/reports/areas/" + province + "?from=2026-02-30&to=2026-03-15"), 400, "BAD_DATES");
        assertEquals(200, admin.get("/api/reports/areas/" + province + "?from=15/03/2026&to=2026-03-15").status(), "a day as offices type it");
        assertError(admin.get("/api/reports/areas/" + province + "?from=2026-03-15&to=2026-03-14"), 400, "BAD_DATES");
        assertError(admin.get("/api/reports/areas/" + province + "?from=2025-01-01&to=2026-03-14"), 400, "BAD_DATES");
        assertEquals(200, admin.get("/api/reports/areas/" + province + "?from=2025-03-15&to=2026-03-15").status(), "a leap-free year and a day is 366 days");
        assertError(admin.get("/api/reports/areas/" + province + "?" + PERIOD + "&format=docx"), 400, "UNSUPPORTED_FORMAT");
        assertError(admin.get("/api/reports/areas/" + province + "?" + PERIOD + "&format=pdf&lang=fr"), 400, "UNSUPPORTED_LANG");
    }

    @Test
    void aCommunePullsTheProvincesCampaignReportForItsOwnDevices() {
        Api ward = Api.login(client.toBlocking(), "xem-phuong", "password-123");
        Map<String, Object> report = ward.get("/api/reports/campaigns/" + c1).body();
        assertEquals("Ủy ban nhân dân phường Điện Biên Phủ", report.get("unit"), "reported by the commune, for its leader to sign");
        assertEquals(List.of(1, 0, 1, 1), ints(report, "planned", "aired", "missed", "cancelled"), "its own loudspeaker's plays only");
        assertEquals(List.of(d3), lines(report, "devices").stream().map(l -> ((Number) l.get("deviceId")).longValue()).toList());
        assertEquals(List.of("Phường Điện Biên Phủ"), lines(report, "communes").stream().map(l -> l.get("name")).toList());
        assertEquals(List.of("MISSED 1 agent was not running"),
                lines(report, "notAired").stream().map(w -> w.get("status") + " " + w.get("plays") + " " + w.get("reason")).toList());
        Api provinceEditor = Api.login(client.toBlocking(), "bien-tap-tinh", "password-123");
        assertEquals(2, lines(provinceEditor.get("/api/reports/campaigns/" + c1).body(), "communes").size(), "the province sees every commune");

        long media = ((Number) ((Map<?, ?>) ((List<?>) admin.get("/api/campaigns/" + c1).body().get("items")).getFirst()).get("mediaId")).longValue();
        Map<String, Object> elsewhere = Map.of("title", "Chỉ xã Mường Phăng", "level", "NORMAL", "startDate", "2026-03-14", "endDate", "2026-03-15",
                "targets", Map.of("deviceIds", List.of(d1)), "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "DAILY", "times", List.of("08:00")))));
        long notOurs = provinceEditor.post("/api/campaigns", elsewhere).id();
        assertError(ward.get("/api/reports/campaigns/" + notOurs), 403, "FORBIDDEN");
        admin.post("/api/users", Map.of("username", "bien-tap-xa", "password", "password-123", "role", "EDITOR", "areaId", communeA));
        long neighbours = Api.login(client.toBlocking(), "bien-tap-xa", "password-123").post("/api/campaigns", elsewhere).id();
        assertError(ward.get("/api/reports/campaigns/" + neighbours), 403, "FORBIDDEN");
    }

    @Test
    void theAreasFilesShowEveryTableInVietnamese() throws Exception {
        String csv = new String(download("/api/reports/areas/" + province + "?" + PERIOD + "&format=csv", "csv"), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFF"), "a byte order mark, for Excel");
        for (String expected : List.of("ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN", "Tổng hợp kết quả phát sóng trên địa bàn Tỉnh Điện Biên", "Địa bàn,Tỉnh Điện Biên", "14/03/2026 – 15/03/2026",
                "Theo chiến dịch", "Theo xã/phường", "Theo thiết bị", "Theo ngày",
                c1 + ",\"" + C1 + "\",Kế hoạch số 104/KH-UBND,Thông thường,7,3,2,1,1,0,160,42.9",
                communeA + ",Xã Mường Phăng,2,8,4,1,1,1,1,180,50.0",
                d2 + ",Xã Mường Phăng,Cụm loa bản Phăng,3,1,0,0,1,1,70,33.3",
                "14/03/2026,5,2,1,0,1,1,100,40.0", "Tổng cộng,,,,9,4,2,1,1,1,180,44.4")) {
            assertTrue(csv.contains(expected), "the CSV has '" + expected + "':\n" + csv);
        }

        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(download("/api/reports/areas/" + province + "?" + PERIOD + "&format=xlsx", "xlsx")))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<String> cells = cells(sheet);
            assertTrue(cells.containsAll(List.of("Tỉnh Điện Biên", "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN", "BÁO CÁO", "Theo xã/phường", "Phường Điện Biên Phủ",
                    "Cụm loa bản Phăng", "15/03/2026", "Tổng cộng")), cells.toString());
            Row commune = row(sheet, "Theo xã/phường", communeA);
            assertEquals("Xã Mường Phăng", commune.getCell(1).getStringCellValue());
            assertEquals(List.of(2.0, 8.0, 4.0, 180.0), List.of(commune.getCell(2).getNumericCellValue(), commune.getCell(3).getNumericCellValue(),
                    commune.getCell(4).getNumericCellValue(), commune.getCell(9).getNumericCellValue()), "figures are numbers staff can sum");
        }

        String text = pdfText(download("/api/reports/areas/" + province + "?" + PERIOD + "&format=pdf", "pdf"));
        for (String expected : List.of("ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN", "Tổng hợp kết quả phát sóng trên địa bàn Tỉnh Điện Biên", "Theo chiến dịch", C1, C2, "Theo xã/phường",
                "Xã Mường Phăng", "Phường Điện Biên Phủ", "Đài truyền thanh xã Mường Phăng", "Theo ngày", "14/03/2026", "Tổng cộng")) {
            assertTrue(text.contains(expected), "the PDF says '" + expected + "': " + text);
        }

        String english = pdfText(download("/api/reports/areas/" + province + "?" + PERIOD + "&format=pdf&lang=en", "pdf"));
        assertTrue(english.contains("SOCIALIST REPUBLIC OF VIET NAM") && english.contains("Broadcast summary for Tỉnh Điện Biên")
                && english.contains("Điện Biên, " + ReportSheet.dateLine(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")), Label.Lang.EN)) && english.contains("By commune") && english.contains("Xã Mường Phăng"), english);
    }

    @Test
    void theCampaignsFilesShowItsCommunesDevicesDaysAndReasons() throws Exception {
        String csv = new String(download("/api/reports/campaigns/" + c1 + "?format=csv", "csv"), StandardCharsets.UTF_8);
        for (String expected : List.of("Căn cứ,Kế hoạch số 104/KH-UBND", "Thời gian,14/03/2026 – 15/03/2026", "Theo xã/phường",
                communeB + ",Phường Điện Biên Phủ,1,1,0,1,0,0,0,0,0.0", "Theo thiết bị",
                d1 + ",Xã Mường Phăng,Đài truyền thanh xã Mường Phăng,4,2,1,1,0,0,90,50.0", "Theo ngày", "15/03/2026,3,1,1,1,0,0,60,33.3",
                "01/01/2027,0,0,0,0,0,0,0,\r\n", "Lý do không phát được", "Bỏ lỡ 2 lượt: agent was not running")) {
            assertTrue(csv.contains(expected), "the CSV has '" + expected + "':\n" + csv);
        }
        String text = pdfText(download("/api/reports/campaigns/" + c1 + "?format=pdf", "pdf"));
        for (String expected : List.of("ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN", "Kết quả phát sóng chiến dịch tuyên truyền", C1, "Kế hoạch số 104/KH-UBND", "Theo thiết bị",
                "Cụm loa bản Phăng", "Lỗi 1 lượt: chưa có tệp để phát", "Tổng cộng")) {
            assertTrue(text.contains(expected), "the PDF says '" + expected + "': " + text);
        }
    }

    private long device(String name, long areaId) {
        return admin.post("/api/devices", Map.of("name", name, "areaId", areaId, "kind", "RADIO")).id();
    }

    private long campaign(Api editor, String title, String legalBasis, long media) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "level", "NORMAL", "startDate", "2026-03-14", "endDate", "2026-03-15",
                "targets", Map.of("deviceIds", List.of(d1, d2, d3)),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "DAILY", "times", List.of("06:30"))))));
        if (legalBasis != null) {
            body.put("legalBasis", legalBasis);
        }
        Api.Reply created = editor.post("/api/campaigns", body);
        assertEquals(201, created.status(), created.toString());
        return created.id();
    }

    /** Plans one play at a local time, then has the device report how it went (null: it stays PENDING). */
    private void play(long campaignId, long deviceId, String localTime, LogStatus outcome, int airedSeconds, String reason) {
        Map<String, Object> campaign = admin.get("/api/campaigns/" + campaignId).body();
        Map<?, ?> item = (Map<?, ?>) ((List<?>) campaign.get("items")).getFirst();
        Instant at = LocalDateTime.parse(localTime).atZone(ZONE).toInstant();
        List<BroadcastLog> planned = playLog.plan(campaignId, List.of(new PlannedPlay(campaignId, ((Number) item.get("id")).longValue(),
                deviceId, ((Number) item.get("mediaId")).longValue(), at, null)), at, at.plusSeconds(1));
        if (outcome != null) {
            Instant ended = outcome == LogStatus.PLAYING || airedSeconds == 0 ? null : at.plusSeconds(airedSeconds);
            Instant started = outcome == LogStatus.MISSED || outcome == LogStatus.FAILED ? null : at;
            assertTrue(playLog.report(deviceId, new PlayReport(planned.getFirst().id(), outcome, started, ended, reason)).accepted());
        }
    }

    private byte[] download(String path, String extension) {
        HttpResponse<byte[]> response = client.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(admin.tokenForTests()), byte[].class);
        assertTrue(response.header("Content-Disposition").matches("attachment; filename=\"[^\"]+\\." + extension + "\"; filename\\*=UTF-8''\\S+\\." + extension), response.header("Content-Disposition"));
        return response.body();
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // A long name wraps inside its cell: read the text as one line of words.
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** The row of the table under {@code title} whose first cell is {@code id}. */
    private static Row row(Sheet sheet, String title, long id) {
        boolean inTable = false;
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().startsWith("Theo ")) {
                inTable = first.getStringCellValue().equals(title);
            } else if (inTable && first != null && first.getCellType() == CellType.NUMERIC && first.getNumericCellValue() == id) {
                return row;
            }
        }
        throw new AssertionError("no row " + id + " under " + title);
    }

    private static List<String> cells(Sheet sheet) {
        List<String> cells = new ArrayList<>();
        for (Row row : sheet) {
            row.forEach(c -> cells.add(c.toString()));
        }
        return cells;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> report, String name) {
        return (List<Map<String, Object>>) report.get(name);
    }

    private static Map<String, Object> line(List<Map<String, Object>> lines, String key, long id) {
        return lines.stream().filter(l -> ((Number) l.get(key)).longValue() == id).findFirst().orElseThrow();
    }

    private static List<Integer> ints(Map<String, Object> line, String... keys) {
        List<Integer> values = new ArrayList<>();
        for (String key : keys) {
            values.add(((Number) line.get(key)).intValue());
        }
        return values;
    }

    private static void assertError(Api.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.toString());
        assertEquals(code, reply.body().get("code"), reply.toString());
        assertTrue(reply.body().get("message") instanceof String m && !m.isBlank(), reply.toString());
    }
}
