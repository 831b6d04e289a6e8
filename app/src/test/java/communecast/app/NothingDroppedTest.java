package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, "nothing silently dropped": a commune's older campaign stays in its lists behind thousands elsewhere,
 * paging gives every campaign once, the log page is newest first and filters by date, and a campaign's report
 * says what is planned to date, for the whole campaign and still to come.
 */
@MicronautTest
class NothingDroppedTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String PASSWORD = "password-123";
    static final Pattern EDIT_LINK = Pattern.compile("href=\"/ui/campaigns/(\\d+)/edit\"");
    static final Pattern HREF = Pattern.compile("id=\"%s\" href=\"([^\"]+)\"");

    @Inject
    Jdbi jdbi;

    @Test
    void aCommunesOlderPendingCampaignStaysInItsListsBehindTwoThousandElsewhere() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Bắc Kạn", "BK", "Xã Ba Bể", "BK-BB");
        long elsewhere = admin.communeIn("Tỉnh Cà Mau", "CM", "Xã Đất Mũi", "CM-DM");
        admin.post("/api/users", Map.of("username", "soan-ba-be", "password", PASSWORD, "role", "EDITOR", "areaId", commune));
        admin.post("/api/users", Map.of("username", "duyet-ba-be", "password", PASSWORD, "role", "APPROVER", "areaId", commune));
        Api editor = Api.login(client.toBlocking(), "soan-ba-be", PASSWORD);
        long mine = editor.post("/api/campaigns", daily("Tuyên truyền Ba Bể", media(admin), commune, LocalDate.now(ZONE), List.of("06:30"))).id();
        assertEquals(200, editor.post("/api/campaigns/" + mine + "/submit", Map.of()).status());
        long awaitingBefore = countAwaiting();
        insertCampaigns(elsewhere, 2_000, "SUBMITTED");

        // The commune also sees the whole country's campaigns (other tests' here), never another province's.
        List<Map<String, Object>> listed = editor.list("/api/campaigns");
        assertTrue(ids(listed).contains(mine), "the commune's list holds its campaign");
        assertTrue(listed.stream().noneMatch(c -> c.get("areaId") != null && ((Number) c.get("areaId")).longValue() == elsewhere),
                "and none of the other province's");
        PageSession approver = PageSession.loggedIn(server.getURI(), "duyet-ba-be", PASSWORD);
        assertTrue(approver.get("/ui/approvals").body().contains("id=\"approve-" + mine + "\""), "in the approval queue");
        assertTrue(approver.get("/ui").body().contains("id=\"awaiting\">1<"), "counted on the dashboard");
        assertTrue(approver.get("/ui/reports").body().contains("id=\"xlsx-" + mine + "\""), "on the reports page");
        assertTrue(editLinks(approver.get("/ui/campaigns").body()).contains(mine), "on the campaigns page");

        PageSession country = PageSession.loggedIn(server.getURI(), "admin", TestServer.ADMIN_PASSWORD);
        assertTrue(country.get("/ui").body().contains("id=\"awaiting\">" + (awaitingBefore + 2_000) + "<"),
                "the whole country's count is a count, not a page");
    }

    /** The media library had the same country-wide LIMIT: 600 newer uploads elsewhere hid a commune's bulletin. */
    @Test
    void aCommunesBulletinStaysInItsLibraryBehindSixHundredElsewhere() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Hà Giang", "HG", "Xã Đồng Văn", "HG-DV");
        long elsewhere = admin.communeIn("Tỉnh Kiên Giang", "KG", "Xã Phú Quốc", "KG-PQ");
        admin.post("/api/users", Map.of("username", "soan-dong-van", "password", PASSWORD, "role", "EDITOR", "areaId", commune));
        Api editor = Api.login(client.toBlocking(), "soan-dong-van", PASSWORD);
        long mine = editor.upload("Bản tin Đồng Văn",
                TestMedia.tone(Files.createTempDirectory("dropped").resolve("dv.wav"), Duration.ofSeconds(1), 440)).id();
        jdbi.useHandle(h -> {
            long author = h.createQuery("SELECT id FROM app_user WHERE username = 'admin'").mapTo(Long.class).one();
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO media (title, status, kind, duration_ms, sha256, size_bytes, area_id, created_by, created_at)
                    VALUES (:title, 'READY', 'AUDIO', 1000, :sha, 1, :area, :author, :now)""");
            for (int i = 0; i < 600; i++) {
                batch.bind("title", "Bản tin " + i).bind("sha", "%064d".formatted(i)).bind("area", elsewhere)
                        .bind("author", author).bind("now", Instant.now()).add();
            }
            batch.execute();
        });
        List<Map<String, Object>> library = editor.list("/api/media");
        assertTrue(ids(library).contains(mine), "the commune's library holds its bulletin");
        assertTrue(library.stream().noneMatch(m -> m.get("areaId") != null && ((Number) m.get("areaId")).longValue() == elsewhere),
                "and none of the other province's");
        PageSession page = PageSession.loggedIn(server.getURI(), "soan-dong-van", PASSWORD);
        assertTrue(page.get("/ui/media").body().contains("Bản tin Đồng Văn"), "on the media page");
    }

    @Test
    void pagingGivesEveryCampaignExactlyOnceNewestFirst() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Sóc Trăng", "code", "ST", "kind", "PROVINCE")).id();
        insertCampaigns(province, 1_234, "DRAFT");
        List<Long> all = jdbi.withHandle(h -> h.createQuery("SELECT id FROM campaign ORDER BY id DESC").mapTo(Long.class).list());

        List<Long> seen = new ArrayList<>();
        String next = "/api/campaigns?limit=500";
        while (next != null) {
            HttpResponse<List<Map<String, Object>>> page = client.toBlocking().exchange(HttpRequest.GET(next).bearerAuth(admin.tokenForTests()),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));
            seen.addAll(ids(page.body()));
            next = link(page.header("Link"), "next");
        }
        assertEquals(all, seen, "every campaign once, newest first, over the pages the Link header names");
        assertEquals(all.subList(0, 100), ids(admin.list("/api/campaigns")), "no parameters: the newest 100, as an array");
        assertEquals(all.subList(0, 500), ids(admin.list("/api/campaigns?limit=500&after=" + all.get(500))),
                "after: the page before, newest first");
        assertEquals("BAD_LIMIT", admin.get("/api/campaigns?limit=501").string("code"), "at most 500 a page");
        assertEquals("BAD_PAGE", admin.get("/api/campaigns?before=9&after=3").string("code"));

        PageSession browser = PageSession.loggedIn(server.getURI(), "admin", TestServer.ADMIN_PASSWORD);
        String first = browser.get("/ui/campaigns").body();
        assertEquals(all.subList(0, 50), editLinks(first));
        assertFalse(first.contains("id=\"newer\""), "the newest page has nothing newer");
        String second = browser.get(href(first, "older")).body();
        assertEquals(all.subList(50, 100), editLinks(second), "Cũ hơn: the next 50");
        assertTrue(second.contains(">← Mới hơn<"), second);
        assertEquals(all.subList(0, 50), editLinks(browser.get(href(second, "newer")).body()), "Mới hơn: back to the first");
    }

    @Test
    void theLogPageIsNewestFirstPagedAndFilteredByLocalDates() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Lai Châu", "LCU", "Xã Sìn Hồ", "LCU-SH");
        long device = admin.post("/api/devices", Map.of("name", "Loa Sìn Hồ", "areaId", commune, "kind", "RADIO")).id();
        long media = media(admin);
        long campaign = admin.post("/api/campaigns", daily("Nhật ký", media, commune, LocalDate.now(ZONE), List.of("10:00"))).id();
        long item = ((Number) ((Map<?, ?>) ((List<?>) admin.get("/api/campaigns/" + campaign).body().get("items")).getFirst()).get("id")).longValue();
        // 250 days of one play a day at 10:00 local (03:00 UTC), from 1 January 2026.
        Instant first = Instant.parse("2026-01-01T03:00:00Z");
        jdbi.useHandle(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO broadcast_log (campaign_id, item_id, device_id, media_id, scheduled_at, started_at, status, created_at, updated_at)
                    VALUES (:campaign, :item, :device, :media, :at, :at, 'PLAYED', :at, :at)""");
            for (int day = 0; day < 250; day++) {
                batch.bind("campaign", campaign).bind("item", item).bind("device", device).bind("media", media)
                        .bind("at", first.plus(day, ChronoUnit.DAYS)).add();
            }
            batch.execute();
        });
        PageSession browser = PageSession.loggedIn(server.getURI(), "admin", TestServer.ADMIN_PASSWORD);

        String page1 = browser.get("/ui/logs?deviceId=" + device).body();
        List<String> shown = scheduled(page1);
        assertEquals(100, shown.size());
        assertEquals(local(first.plus(249, ChronoUnit.DAYS)), shown.getFirst(), "the newest first");
        assertEquals(local(first.plus(150, ChronoUnit.DAYS)), shown.getLast());
        String page2 = browser.get(href(page1, "older")).body();
        assertEquals(local(first.plus(149, ChronoUnit.DAYS)), scheduled(page2).getFirst(), "Cũ hơn goes on where the page ended");
        String page3 = browser.get(href(page2, "older")).body();
        assertEquals(50, scheduled(page3).size());
        assertEquals(local(first), scheduled(page3).getLast(), "the oldest is on the last page");
        assertFalse(page3.contains("id=\"older\""), "nothing older than the last page");
        assertEquals(scheduled(page2), scheduled(browser.get(href(page3, "newer")).body()), "Mới hơn goes back");

        String filtered = browser.get("/ui/logs?deviceId=" + device + "&from=2026-03-01&to=2026-03-02").body();
        assertEquals(List.of("02/03/2026 10:00:00", "01/03/2026 10:00:00"), scheduled(filtered),
                "both local days included, nothing else");
        assertTrue(filtered.contains("value=\"01/03/2026\"") && filtered.contains("value=\"02/03/2026\""), "the fields keep the days, as offices write them");
        var mistyped = browser.get("/ui/logs?from=1-3-2026");
        assertEquals(400, mistyped.statusCode());
        assertTrue(mistyped.body().contains("Ngày chưa đúng") && mistyped.body().contains("«from» phải là một ngày như 20/03/2026, không phải «1-3-2026»"),
                "a mistyped day is a page in the user's words, not the API's JSON: " + mistyped.body());
        assertEquals(List.of("01/03/2026 10:00:00"), scheduled(browser.get("/ui/logs?deviceId=" + device + "&from=01/03/2026&to=1/3/2026").body()),
                "a day typed as offices write it");

        // Pickers, not ids: the commune, its device, a status; each row names the campaign, device and commune.
        String picked = browser.get("/ui/logs?areaId=" + commune + "&deviceId=" + device + "&status=PLAYED&from=2026-03-01&to=2026-03-01").body();
        assertEquals(List.of("01/03/2026 10:00:00"), scheduled(picked));
        assertTrue(picked.contains("/edit\">Nhật ký</a>") && picked.contains("<td><a href=\"/ui/devices/" + device + "\">Loa Sìn Hồ</a></td>")
                && picked.contains("<td><a href=\"/ui/devices?areaId=" + commune + "\">Xã Sìn Hồ</a></td>") && picked.contains(">Đã phát<"), picked);
        assertTrue(picked.contains("<option value=\"" + device + "\" selected=\"selected\">Loa Sìn Hồ</option>"), "the device picker of the commune");
        assertTrue(scheduled(browser.get("/ui/logs?areaId=" + commune + "&status=MISSED").body()).isEmpty(), "no missed play here");
        assertEquals(400, browser.get("/ui/logs?status=LOST").statusCode());
        java.net.http.HttpResponse<String> csv = browser.get("/ui/logs/export.csv?areaId=" + commune + "&status=PLAYED&from=2026-03-01&to=2026-03-02");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertEquals(List.of("\uFEFFChiến dịch tuyên truyền,Thiết bị,Xã,Giờ phát,Bắt đầu,Trạng thái,Lý do",
                "Nhật ký,Loa Sìn Hồ,Xã Sìn Hồ,02/03/2026 10:00:00,02/03/2026 10:00:00,Đã phát,",
                "Nhật ký,Loa Sìn Hồ,Xã Sìn Hồ,01/03/2026 10:00:00,01/03/2026 10:00:00,Đã phát,"), csv.body().lines().toList(),
                "the filtered list, newest first, as the page names it");
        assertTrue(picked.contains("/ui/logs/export.csv?areaId=" + commune + "&amp;deviceId=" + device), "the page links its own filters");
        java.net.http.HttpResponse<byte[]> xlsx = browser.download("/ui/logs/export.xlsx?areaId=" + commune + "&status=PLAYED&from=2026-03-01&to=2026-03-02");
        assertEquals(200, xlsx.statusCode());
        try (var workbook = org.apache.poi.ss.usermodel.WorkbookFactory.create(new java.io.ByteArrayInputStream(xlsx.body()))) {
            List<String> rows = new java.util.ArrayList<>();
            workbook.getSheetAt(0).forEach(row -> {
                StringBuilder line = new StringBuilder();
                row.forEach(cell -> line.append(cell.getStringCellValue()).append('|'));
                rows.add(line.toString());
            });
            assertEquals(List.of("Chiến dịch tuyên truyền|Thiết bị|Xã|Giờ phát|Bắt đầu|Trạng thái|Lý do|",
                    "Nhật ký|Loa Sìn Hồ|Xã Sìn Hồ|02/03/2026 10:00:00|02/03/2026 10:00:00|Đã phát||",
                    "Nhật ký|Loa Sìn Hồ|Xã Sìn Hồ|01/03/2026 10:00:00|01/03/2026 10:00:00|Đã phát||"), rows, "the same list as the CSV");
            assertEquals("Nhật ký phát sóng", workbook.getSheetName(0));
        }
        assertEquals(404, browser.download("/ui/logs/export.pdf").statusCode());
        assertEquals(1, admin.list("/api/broadcast-logs?areaId=" + commune + "&status=PLAYED&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z").size());

        assertEquals(first, Instant.parse((String) admin.list("/api/broadcast-logs?deviceId=" + device + "&limit=1")
                .getFirst().get("scheduledAt")), "the API's order is as it was: oldest first");
        assertEquals(first.plus(249, ChronoUnit.DAYS), Instant.parse((String) admin.list("/api/broadcast-logs?deviceId=" + device
                + "&limit=1&order=desc").getFirst().get("scheduledAt")), "order=desc: newest first");
        assertEquals(first.plus(248, ChronoUnit.DAYS), Instant.parse((String) admin.list("/api/broadcast-logs?deviceId=" + device
                + "&limit=1&order=desc&offset=1").getFirst().get("scheduledAt")));
    }

    /**
     * A 7-day DAILY campaign approved on its first day: dispatch has made 48 h of plays into logs (planned to date);
     * the report also counts the whole campaign from the schedule, an excluded day left out, and what is to come.
     */
    @Test
    void aSevenDayCampaignsReportOnItsFirstDayCountsTheWholeCampaignAndWhatIsToCome() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Hà Tĩnh", "HT", "Xã Cẩm Xuyên", "HT-CX");
        admin.post("/api/devices", Map.of("name", "Loa Cẩm Xuyên", "areaId", commune, "kind", "RADIO"));
        admin.post("/api/devices", Map.of("name", "Loa chợ Cẩm Xuyên", "areaId", commune, "kind", "RADIO"));
        long media = media(admin);
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        // Three hours either side of now, so no air time is near the approval; one of them may fall earlier today.
        LocalDateTime now = LocalDateTime.now(ZONE);
        List<LocalTime> times = List.of(now.toLocalTime().plusHours(3).truncatedTo(ChronoUnit.MINUTES),
                now.toLocalTime().minusHours(3).truncatedTo(ChronoUnit.MINUTES));
        LocalDate start = now.toLocalDate();
        LocalDate excluded = start.plusDays(4);
        Map<String, Object> body = new HashMap<>(daily("Tuyên truyền 7 ngày", media, commune, start,
                times.stream().map(LocalTime::toString).toList()));
        body.put("excludedDates", List.of(excluded.toString()));
        long id = admin.post("/api/campaigns", body).id();
        Instant approvedAt = Instant.now();
        assertEquals(200, admin.post("/api/campaigns/" + id + "/approve", Map.of()).status());

        int devices = 2;
        long past = 0;
        long toDate = 0;
        long toCome = 0;
        for (LocalDate day = start; !day.isAfter(start.plusDays(6)); day = day.plusDays(1)) {
            for (LocalTime time : times) {
                Instant at = day.atTime(time).atZone(ZONE).toInstant();
                if (day.equals(excluded)) {
                    continue;
                }
                if (at.isBefore(approvedAt)) {
                    past += devices;
                } else if (at.isBefore(approvedAt.plus(Duration.ofHours(48)))) {
                    toDate += devices;
                } else {
                    toCome += devices;
                }
            }
        }
        Map<String, Object> report = admin.get("/api/reports/campaigns/" + id).body();
        assertEquals(toDate, ((Number) report.get("planned")).longValue(), "planned to date: the logs made so far, 48 h ahead");
        assertEquals(6 * times.size() * devices, ((Number) report.get("plannedWhole")).longValue(),
                "the whole campaign: 6 days (one excluded) × 2 times × 2 devices");
        assertEquals(toCome, ((Number) report.get("toCome")).longValue(), "after the 48 h, to the last day");
        assertEquals(6 * times.size() * devices, past + toDate + toCome, "the test's own sum");

        String csv = new String(download(admin, id, ""), StandardCharsets.UTF_8);
        assertTrue(csv.contains("\r\nKế hoạch đến nay," + toDate + "\r\nKế hoạch cả chiến dịch," + (6 * times.size() * devices)
                + "\r\nCòn lại," + toCome + "\r\n"), csv);
        String english = new String(download(admin, id, "&lang=en"), StandardCharsets.UTF_8);
        assertTrue(english.contains("\r\nPlanned to date," + toDate + "\r\nPlanned for the whole campaign," + (6 * times.size() * devices)
                + "\r\nStill to come," + toCome + "\r\n"), english);

        assertEquals(200, admin.post("/api/campaigns/" + id + "/cancel", Map.of()).status());
        Map<String, Object> cancelled = admin.get("/api/reports/campaigns/" + id).body();
        assertEquals(0L, ((Number) cancelled.get("toCome")).longValue(), "a cancelled campaign has nothing to come");
        assertEquals(0L, ((Number) cancelled.get("planned")).longValue(), "its plays ahead were cancelled");
    }

    private byte[] download(Api admin, long id, String more) {
        return client.toBlocking().exchange(HttpRequest.GET("/api/reports/campaigns/" + id + "?format=csv" + more)
                .bearerAuth(admin.tokenForTests()), byte[].class).body();
    }

    private static Map<String, Object> daily(String title, long media, long area, LocalDate start, List<String> times) {
        return Map.of("title", title, "level", "NORMAL", "startDate", start.toString(), "endDate", start.plusDays(6).toString(),
                "targets", Map.of("areaIds", List.of(area)),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "DAILY", "times", times))));
    }

    private static long media(Api admin) throws Exception {
        return admin.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("dropped").resolve("b.wav"), Duration.ofSeconds(1), 440)).id();
    }

    /** Campaigns made in {@code areaId}, straight into the table: volume, not the workflow, is under test here. */
    private void insertCampaigns(long areaId, int count, String status) {
        jdbi.useHandle(h -> {
            long admin = h.createQuery("SELECT id FROM app_user WHERE username = 'admin'").mapTo(Long.class).one();
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO campaign (title, level, status, start_date, end_date, area_id, created_by, created_at)
                    VALUES (:title, 'EMERGENCY', :status, :day, :day, :area, :admin, :now)""");
            for (int i = 0; i < count; i++) {
                batch.bind("title", "Khẩn cấp " + i).bind("status", status).bind("day", LocalDate.now(ZONE)).bind("area", areaId)
                        .bind("admin", admin).bind("now", Instant.now()).add();
            }
            batch.execute();
        });
    }

    private long countAwaiting() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM campaign WHERE status = 'SUBMITTED'").mapTo(Long.class).one());
    }

    private static List<Long> ids(List<Map<String, Object>> campaigns) {
        return campaigns.stream().map(c -> ((Number) c.get("id")).longValue()).toList();
    }

    private static List<Long> editLinks(String page) {
        List<Long> ids = new ArrayList<>();
        Matcher m = EDIT_LINK.matcher(page);
        while (m.find()) {
            ids.add(Long.valueOf(m.group(1)));
        }
        return ids;
    }

    /** The page's Cũ hơn or Mới hơn link, as the browser follows it. */
    private static String href(String page, String id) {
        Matcher m = Pattern.compile(HREF.pattern().formatted(id)).matcher(page);
        assertTrue(m.find(), "the page has a link " + id + ": " + page);
        return m.group(1).replace("&amp;", "&");
    }

    private static String link(String header, String rel) {
        if (header == null) {
            return null;
        }
        Matcher m = Pattern.compile("<([^>]+)>; rel=\"" + rel + "\"").matcher(header);
        return m.find() ? m.group(1) : null;
    }

    /** The scheduled times of the device's rows, as the page shows them. */
    /** Each log row's planned time, as the page shows it (the first time in the row). */
    private static List<String> scheduled(String page) {
        List<String> times = new ArrayList<>();
        Matcher m = Pattern.compile("<tr id=\"log-\\d+\">.*?<td>(\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d)</td>", Pattern.DOTALL).matcher(page);
        while (m.find()) {
            times.add(m.group(1));
        }
        return times;
    }

    private static String local(Instant at) {
        return DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").format(at.atZone(ZONE));
    }
}
