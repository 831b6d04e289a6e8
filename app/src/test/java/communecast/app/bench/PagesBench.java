package communecast.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static communecast.app.bench.Sql.area;
import static communecast.app.bench.Sql.exec;
import static communecast.app.bench.Sql.insert;
import static communecast.app.bench.Sql.longValue;
import static communecast.app.bench.Sql.string;

/**
 * The staff pages (/ui) over a province of 5,000 devices and a million broadcast logs (issue 14). Not a test: run it
 * by hand (docs/PERFORMANCE.md), from the repository root after {@code ./mvnw -B -o -q -DskipTests package}:
 * <pre>
 * java -cp 'app/target/test-classes:app/target/classes:app/target/lib/*' communecast.app.bench.PagesBench
 * </pre>
 *
 * <p>On an external MariaDB (default {@code jdbc:mariadb://127.0.0.1:3306/}, root, no password) it creates the
 * database {@code communecast_pages_bench}, migrates it with Flyway to the latest version, and writes over JDBC, with
 * multi-row INSERTs: one province, 170 communes with 4 villages each, 30 devices per commune (6 at the commune, 6 in
 * each village; every sixth an LED screen), 4 audio bulletins, 20 campaigns (6 APPROVED and airing, 12 COMPLETED in
 * the last days, 2 SUBMITTED awaiting approval), and each device's plays every 48 minutes round the clock (staggered
 * per device, so that some are on air whenever it runs) for the last {@code bench.days} days, today up to now, and
 * PENDING from now on over the dispatch horizon (48 h). About 10 % of the devices are offline (their plays MISSED
 * since they were last seen), 3 % in dead air, 3 % with their clock more than 2 s off; their alerts are raised already,
 * and the approved campaigns' dispatch cursors stand past the horizon, so the server has no backlog to work off while
 * it is timed. Then it starts the server jar on that database (with a 6 h heartbeat period: no agent runs, and the
 * silence sweep would take every device offline after 90 s), marks the devices online again as their heartbeats would
 * (the server marks every device offline when it starts), adds a province-scoped ADMIN through the API, logs both
 * admins in through the login form and times each page from request to last byte: its first request since the server
 * started and the median of {@code bench.warmRuns} more, then with one more request what it cost the database (the
 * statements and the rows the storage engine handed over, server-wide). Last it starts an emergency over the whole
 * province and times its pages. The database is dropped at the end and the buffer pool set back to its size before.
 *
 * <p>System properties: {@code bench.url}, {@code bench.database} (communecast_pages_bench), {@code bench.communes}
 * (170), {@code bench.villages} (villages per commune, 4), {@code bench.devicesPerCommune} (30, a multiple of
 * villages + 1), {@code bench.days} (7), {@code bench.poolMb} (the buffer pool during the run, 2048),
 * {@code bench.warmRuns} (10), {@code bench.insertThreads} (2), {@code bench.keep} (true: keep the database).
 */
public final class PagesBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final String PASSWORD = "bench-pages-pw";
    private static final String PROVINCE_ADMIN = "admin-tinh-bench";
    private static final String PROVINCE_PASSWORD = "bench-pages-province-pw";
    private static final String MISSED = "no report from the device within 120 s of its time";
    private static final String[] FAILURES = {"media not ready: download failed (HTTP 503)", "audio device unavailable",
            "decoder error: invalid data found when processing input"};
    private static final String[] FIRST = {"An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Long", "Mỹ", "Đông", "Tây", "Nam",
            "Bắc", "Hưng", "Lợi", "Phước", "Thuận", "Vĩnh", "Xuân"};
    /** Slots every 48 minutes: 30 plays a device and day. */
    private static final int SLOT_MINUTES = 48;
    private static final int BULLETIN_SECONDS = 90;
    private static final Duration HORIZON = Duration.ofHours(48);
    private static final int ROWS_PER_INSERT = 4000;

    private final String url = System.getProperty("bench.url", "jdbc:mariadb://127.0.0.1:3306/");
    private final String database = System.getProperty("bench.database", "communecast_pages_bench");
    private final int communes = Integer.getInteger("bench.communes", 170);
    private final int villages = Integer.getInteger("bench.villages", 4);
    private final int devicesPerCommune = Integer.getInteger("bench.devicesPerCommune", 30);
    private final int days = Integer.getInteger("bench.days", 7);
    private final long poolMb = Long.getLong("bench.poolMb", 2048);
    private final int warmRuns = Integer.getInteger("bench.warmRuns", 10);
    private final int insertThreads = Integer.getInteger("bench.insertThreads", 2);
    private final boolean keep = Boolean.getBoolean("bench.keep");
    private final Path work = Path.of("app/target/bench/pages").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /** The instant the data is written for: plays before it are over, after it PENDING. */
    private final Instant now = Instant.now();
    private final LocalDate today = LocalDate.ofInstant(now, ZONE);
    private final LocalDate firstDay = today.minusDays(days);
    private long provinceId;
    private long generatorId;
    private final List<Long> communeIds = new ArrayList<>();
    private final List<String> communeNames = new ArrayList<>();
    private final List<DeviceRow> devices = new ArrayList<>();
    private final List<Long> mediaIds = new ArrayList<>();
    private final List<Campaign> campaigns = new ArrayList<>();
    private long poolBefore;
    private BenchServer server;
    private String base;

    /** A device as generated: where it stands and how it fares. */
    private record DeviceRow(long id, int commune, boolean led, Instant offlineSince, boolean deadAir, long clockOffsetMs, int offsetSeconds) {
        boolean online() {
            return offlineSince == null;
        }
    }

    /** A campaign: its days (from firstDay, inclusive; today is {@code days}), the communes it reaches. */
    private record Campaign(long id, long itemId, long mediaId, String status, int firstDay, int lastDay, int firstCommune, int communeCount,
                            int communes) {
        boolean covers(int day, int commune) {
            return !status.equals("SUBMITTED") && day >= firstDay && day <= lastDay
                    && Math.floorMod(commune - firstCommune, communes) < communeCount;
        }
    }

    public static void main(String[] args) throws Exception {
        PagesBench bench = new PagesBench();
        try {
            bench.run();
        } finally {
            bench.cleanUp();
        }
    }

    private void run() throws Exception {
        if (devicesPerCommune % (villages + 1) != 0) {
            throw new IllegalArgumentException("bench.devicesPerCommune must be a multiple of bench.villages + 1");
        }
        Files.createDirectories(work);
        printMachine();
        try (Connection root = connect("")) {
            poolBefore = longValue(root, "SELECT @@innodb_buffer_pool_size");
            exec(root, "SET GLOBAL innodb_buffer_pool_size = " + poolMb * 1024 * 1024);
            exec(root, "DROP DATABASE IF EXISTS " + database);
            exec(root, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        Flyway.configure().dataSource(url + database, "root", "").locations("classpath:db/migration")
                .placeholders(Map.of("utc_offset_seconds", "25200")).load().migrate();
        long started = System.nanoTime();
        long rows = generate();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "generated %,d broadcast logs (%,d devices, %d campaigns, %s – %s and 48 h ahead) in %.0f s: %,.0f rows/s%n",
                rows, devices.size(), campaigns.size(), firstDay, today, seconds, rows / seconds);
        started = System.nanoTime();
        rollUp();
        System.out.printf(Locale.ROOT, "broadcast_day filled from the final logs in %.0f s%n", (System.nanoTime() - started) / 1e9);
        try (Connection db = connect(database)) {
            exec(db, "ANALYZE TABLE broadcast_log, broadcast_day, device, area, campaign");
            printSizes(db);
        }
        startServer();
        markPresence();
        String admin = uiLogin("admin", PASSWORD);
        String apiToken = apiLogin("admin", PASSWORD);
        createProvinceAdmin(apiToken);
        String provincial = uiLogin(PROVINCE_ADMIN, PROVINCE_PASSWORD);
        Map<String, String> users = new LinkedHashMap<>();
        users.put("national admin", admin);
        users.put("province admin", provincial);

        int commune = communes / 2;
        long communeId = communeIds.get(commune);
        DeviceRow device = devices.stream().filter(d -> d.commune() == commune).skip(7).findFirst().orElseThrow();
        String search = unaccented(communeNames.get(commune)).toLowerCase(Locale.ROOT);
        long campaign = campaigns.getFirst().id();
        List<String[]> pages = new ArrayList<>(List.of(
                new String[] {"dashboard", "/ui"},
                new String[] {"devices", "/ui/devices"},
                new String[] {"devices, page 51", "/ui/devices?page=50"},
                new String[] {"devices, q=" + search, "/ui/devices?q=" + URLEncoder.encode(search, StandardCharsets.UTF_8)},
                new String[] {"devices, state=TROUBLE", "/ui/devices?state=TROUBLE"},
                new String[] {"devices, one commune", "/ui/devices?areaId=" + communeId},
                new String[] {"logs", "/ui/logs"},
                new String[] {"logs, one commune", "/ui/logs?areaId=" + communeId},
                new String[] {"logs, campaign + MISSED", "/ui/logs?campaignId=" + campaign + "&status=MISSED"},
                new String[] {"logs, one device", "/ui/logs?deviceId=" + device.id()},
                new String[] {"logs export CSV, one commune", "/ui/logs/export.csv?areaId=" + communeId},
                new String[] {"logs export XLSX, one commune", "/ui/logs/export.xlsx?areaId=" + communeId},
                new String[] {"campaigns", "/ui/campaigns"},
                new String[] {"approvals", "/ui/approvals"},
                new String[] {"reports", "/ui/reports"},
                new String[] {"areas", "/ui/areas"},
                new String[] {"users", "/ui/users"},
                new String[] {"clashes", "/ui/clashes"},
                new String[] {"media", "/ui/media"},
                new String[] {"alerts", "/ui/alerts"}));
        System.out.printf(Locale.ROOT, "commune for the filters: %s (id %d), device %d, campaign %d%n", communeNames.get(commune), communeId,
                device.id(), campaign);
        header();
        for (String[] page : pages) {
            for (Map.Entry<String, String> user : users.entrySet()) {
                time(page[0], user.getKey(), user.getValue(), page[1]);
            }
        }

        long[] emergency = startEmergency(apiToken);
        System.out.printf(Locale.ROOT, "POST /api/emergency over the province (%,d devices): %d ms (202, emergency %d)%n",
                devices.size(), emergency[1], emergency[0]);
        header();
        for (String[] page : List.of(new String[] {"emergency form", "/ui/emergency"},
                new String[] {"emergency status", "/ui/emergency/" + emergency[0]},
                new String[] {"emergency devices (htmx, 1/s)", "/ui/emergency/" + emergency[0] + "/devices"})) {
            for (Map.Entry<String, String> user : users.entrySet()) {
                time(page[0], user.getKey(), user.getValue(), page[1]);
            }
        }
        try (Connection db = connect(database)) {
            System.out.printf(Locale.ROOT, "at the end: %,d devices online of %,d; %,d logs%n",
                    longValue(db, "SELECT COUNT(*) FROM device WHERE online"), devices.size(), longValue(db, "SELECT COUNT(*) FROM broadcast_log"));
        }
        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private void printMachine() throws IOException, SQLException {
        try (Connection root = connect("")) {
            Sql.printMachine(root);
        }
        System.out.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf("size: %d communes × (1 + %d villages), %d devices each, plays every %d min for %d days + today + 48 h ahead (now %s)%n",
                communes, villages, devicesPerCommune, SLOT_MINUTES, days, LocalDateTime.ofInstant(now, ZONE).withNano(0));
    }

    // ---- the data ----

    private long generate() throws Exception {
        try (Connection db = connect(database)) {
            structure(db);
        }
        int lastDay = days + 2; // today is `days`; the horizon reaches into the day after tomorrow
        AtomicLong rows = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(insertThreads);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < insertThreads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                try (Connection db = connect(database)) {
                    db.setAutoCommit(false);
                    for (int day = thread; day <= lastDay; day += insertThreads) {
                        rows.addAndGet(day(db, day));
                        db.commit();
                        System.out.printf(Locale.ROOT, "  day %s written, %,d rows so far%n", firstDay.plusDays(day), rows.get());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return rows.get();
    }

    /** The province, its communes, villages and devices, the bulletins and the campaigns. */
    private void structure(Connection db) throws Exception {
        generatorId = insert(db, "INSERT INTO app_user (username, password_hash, role, created_at) VALUES ('bench-generator', '-', 'EDITOR', NOW(3))");
        provinceId = area(db, "Tỉnh Bench", "BENCH", "PROVINCE", null, "/");
        exec(db, "UPDATE app_user SET area_id = " + provinceId + " WHERE id = " + generatorId);
        Random random = new Random(14);
        int perArea = devicesPerCommune / (villages + 1);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        StringBuilder sql = new StringBuilder();
        for (int c = 0; c < communes; c++) {
            String name = FIRST[(c / FIRST.length) % FIRST.length] + " " + FIRST[c % FIRST.length];
            if (c >= FIRST.length * FIRST.length) {
                name += " " + (c / (FIRST.length * FIRST.length) + 1);
            }
            String code = String.format(Locale.ROOT, "BENCH-%03d", c + 1);
            long commune = area(db, "Xã " + name, code, "COMMUNE", provinceId, "/" + provinceId + "/");
            communeIds.add(commune);
            communeNames.add(name);
            List<Long> places = new ArrayList<>(List.of(commune));
            for (int v = 0; v < villages; v++) {
                places.add(area(db, "Thôn " + (v + 1), code + "-T" + (v + 1), "VILLAGE", commune, "/" + provinceId + "/" + commune + "/"));
            }
            sql.setLength(0);
            sql.append("INSERT INTO device (name, area_id, kind, screen_width, screen_height, token_hash, token_exact, enrolled_at, online, "
                    + "last_seen_at, agent_version, heartbeat_at, uptime_seconds, cache_bytes, free_disk_bytes, clock_offset_ms, "
                    + "silence_seconds, dead_air, created_at) VALUES ");
            List<Object[]> made = new ArrayList<>();
            for (int d = 0; d < devicesPerCommune; d++) {
                int place = d / perArea;
                boolean led = d % 6 == 5;
                String where = place == 0 ? "UBND xã " + name : "thôn " + place + " xã " + name;
                String deviceName = (led ? "Màn hình LED " : "Cụm loa ") + where + " " + (d % perArea + 1);
                double health = random.nextDouble();
                Instant offlineSince = health < 0.04 ? now.minus(Duration.ofMinutes(60 + random.nextInt(72 * 60)))
                        : health < 0.10 ? now.minus(Duration.ofMinutes(5 + random.nextInt(55))) : null;
                boolean deadAir = offlineSince == null && random.nextDouble() < 0.03;
                long clock = random.nextDouble() < 0.03 ? (random.nextBoolean() ? 1 : -1) * (2500 + random.nextInt(6500)) : random.nextInt(801) - 400;
                String token = HexFormat.of().formatHex(sha.digest(("bench-device-" + c + "-" + d).getBytes(StandardCharsets.UTF_8)));
                String seen = sqlTime(offlineSince != null ? offlineSince : now);
                if (d > 0) {
                    sql.append(',');
                }
                sql.append("('").append(deviceName).append("',").append(places.get(place)).append(led ? ",'LED',384,192" : ",'RADIO',NULL,NULL")
                        .append(",'").append(token).append("',TRUE,'").append(sqlTime(firstDay.minusDays(30).atStartOfDay(ZONE).toInstant()))
                        .append("',FALSE,'").append(seen).append("','0.14.0','").append(seen).append("',").append(86_400 + random.nextInt(2_000_000))
                        .append(',').append(200_000_000L + random.nextInt(400_000_000)).append(',').append(8_000_000_000L + random.nextInt(2_000_000_000))
                        .append(',').append(clock).append(',').append(deadAir ? 120 + random.nextInt(780) : 0).append(',').append(deadAir ? "TRUE" : "FALSE")
                        .append(",NOW(3))");
                made.add(new Object[] {led, offlineSince, deadAir, clock, token});
            }
            exec(db, sql.toString());
            // A multi-row INSERT answers the first id only: the ids are read back by the devices' tokens.
            Map<String, Long> ids = new HashMap<>();
            try (ResultSet rs = db.createStatement().executeQuery("SELECT token_hash, id FROM device WHERE token_hash IN ("
                    + made.stream().map(m -> "'" + m[4] + "'").collect(Collectors.joining(",")) + ")")) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
            }
            for (Object[] m : made) {
                int index = devices.size();
                devices.add(new DeviceRow(ids.get((String) m[4]), c, (boolean) m[0], (Instant) m[1], (boolean) m[2], (long) m[3],
                        (index * 97) % (SLOT_MINUTES * 60)));
            }
        }
        // Alerts already raised for what is wrong now, as a server running for a while has them: none is raised during the timings.
        for (DeviceRow d : devices) {
            if (!d.online()) {
                exec(db, "INSERT INTO device_alert (device_id, kind, raised_at) VALUES (" + d.id() + ", 'OFFLINE', '" + sqlTime(d.offlineSince()) + "')");
            }
            if (d.deadAir()) {
                exec(db, "INSERT INTO device_alert (device_id, kind, raised_at) VALUES (" + d.id() + ", 'DEAD_AIR', '" + sqlTime(now.minusSeconds(600)) + "')");
            }
        }
        String[] titles = {"Bản tin thời sự sáng", "Bản tin thời sự chiều", "Phòng chống sốt xuất huyết", "An toàn giao thông dịp cuối năm"};
        for (int m = 0; m < titles.length; m++) {
            long id = insert(db, "INSERT INTO media (title, status, kind, duration_ms, sha256, size_bytes, container, area_id, progress_percent, "
                    + "has_audio, loudness_before_lufs, true_peak_before_dbtp, loudness_after_lufs, true_peak_after_dbtp, created_by, created_at) VALUES ('"
                    + titles[m] + "', 'READY', 'AUDIO', " + BULLETIN_SECONDS * 1000 + ", '" + String.valueOf((char) ('a' + m)).repeat(64) + "', 1440000, 'mp3', "
                    + provinceId + ", 100, TRUE, -21.5, -3.0, -16.0, -1.6, " + generatorId + ", NOW(3))");
            exec(db, "INSERT INTO media_rendition (media_id, kind, status, sha256, size_bytes, duration_ms, created_at) VALUES (" + id
                    + ", 'AUDIO', 'READY', '" + String.valueOf((char) ('a' + m)).repeat(63) + "f', 1440000, " + BULLETIN_SECONDS * 1000 + ", NOW(3))");
            mediaIds.add(id);
        }
        // 6 airing (3 on every commune, 3 on 20 communes), 12 of 2-4 days in the past on 40 communes, 2 awaiting approval.
        String[] airing = {"Bản tin thời sự hằng ngày", "Tuyên truyền an toàn giao thông", "Phòng chống sốt xuất huyết"};
        for (int i = 0; i < airing.length; i++) {
            campaign(db, airing[i], "APPROVED", -20, days + 60, 0, communes, i);
        }
        for (int i = 0; i < 3; i++) {
            campaign(db, "Thông báo lịch tiêm chủng đợt " + (i + 1), "APPROVED", -3, days + 30, i * 20, Math.min(20, communes), i + 1);
        }
        for (int i = 0; i < 12; i++) {
            int start = i * (days - 1) / 12;
            campaign(db, "Tuyên truyền bầu cử đợt " + (i + 1), "COMPLETED", start, Math.min(days - 1, start + 1 + i % 3), (i * 40) % communes,
                    Math.min(40, communes), i);
        }
        for (int i = 0; i < 2; i++) {
            campaign(db, "Phòng cháy chữa cháy mùa khô " + (i + 1), "SUBMITTED", days + 1, days + 31, 0, communes, i);
        }
    }

    private void campaign(Connection db, String title, String status, int firstDay, int lastDay, int firstCommune, int count, int media) throws SQLException {
        long area = count == communes ? provinceId : communeIds.get(firstCommune);
        boolean decided = !status.equals("SUBMITTED");
        long id = insert(db, "INSERT INTO campaign (title, legal_basis, level, status, start_date, end_date, area_id, created_by, created_at, "
                + "approved_by, approved_at) VALUES ('" + title + "', 'Kế hoạch số " + (campaigns.size() + 100) + "/KH-UBND', 'NORMAL', '" + status + "', '"
                + this.firstDay.plusDays(firstDay) + "', '" + this.firstDay.plusDays(lastDay) + "', " + area + ", " + generatorId + ", NOW(3), "
                + (decided ? generatorId + ", NOW(3)" : "NULL, NULL") + ")");
        long mediaId = mediaIds.get(media % mediaIds.size());
        long item = insert(db, "INSERT INTO campaign_item (campaign_id, position, media_id, rule_json) VALUES (" + id + ", 0, " + mediaId
                + ", '{\"type\":\"LOOP\",\"from\":\"05:00\",\"to\":\"21:00\",\"everyMinutes\":" + SLOT_MINUTES + "}')");
        StringBuilder targets = new StringBuilder("INSERT INTO campaign_target (campaign_id, area_id) VALUES ");
        for (int c = 0; c < count; c++) {
            targets.append(c == 0 ? "" : ",").append('(').append(id).append(',').append(communeIds.get((firstCommune + c) % communes)).append(')');
        }
        exec(db, targets.toString());
        exec(db, "INSERT INTO campaign_event (campaign_id, action, user_id, username, at) VALUES (" + id + ", 'CREATED', " + generatorId
                + ", 'bench-generator', NOW(3))");
        if (status.equals("APPROVED")) {
            // Dispatch has planned the horizon already (the PENDING plays written below): nothing for it to do during the run.
            exec(db, "INSERT INTO dispatch_cursor (campaign_id, dispatched_until) VALUES (" + id + ", '" + sqlTime(now.plus(HORIZON).plus(Duration.ofHours(2))) + "')");
        }
        campaigns.add(new Campaign(id, item, mediaId, status, firstDay, lastDay, firstCommune, count, communes));
    }

    /** One local day of every device, as multi-row INSERTs; a device's plays go round its campaigns of the day. */
    private long day(Connection db, int day) throws SQLException {
        Instant dayStart = firstDay.plusDays(day).atStartOfDay(ZONE).toInstant();
        Instant horizon = now.plus(HORIZON);
        try (LogInserts inserts = new LogInserts(db, ROWS_PER_INSERT)) {
            for (DeviceRow device : devices) {
                List<Campaign> active = campaigns.stream().filter(c -> c.covers(day, device.commune())).toList();
                if (active.isEmpty()) {
                    continue;
                }
                Random random = new Random(device.id() * 100_003L + day);
                boolean missedDay = random.nextDouble() < 0.02;
                for (int s = 0; s * SLOT_MINUTES * 60 + device.offsetSeconds() < 86_400; s++) {
                    Instant at = dayStart.plusSeconds((long) s * SLOT_MINUTES * 60 + device.offsetSeconds());
                    if (!at.isBefore(horizon)) {
                        break;
                    }
                    Campaign campaign = active.get(s % active.size());
                    row(inserts.next(), campaign, device, at, random, missedDay);
                }
            }
            return inserts.finish();
        }
    }

    /** A play: PENDING after now, PLAYING if on air now, else what became of it. */
    private void row(StringBuilder sql, Campaign campaign, DeviceRow device, Instant at, Random random, boolean missedDay) {
        String status;
        Instant started = null;
        Instant ended = null;
        String reason = null;
        Instant updated = at;
        if (at.isAfter(now)) {
            status = "PENDING";
            updated = at.minus(HORIZON);
        } else if (!device.online() && !at.isBefore(device.offlineSince()) || missedDay) {
            status = "MISSED";
            reason = MISSED;
            updated = at.plusSeconds(120);
        } else if (at.plusSeconds(BULLETIN_SECONDS).isAfter(now)) {
            status = "PLAYING";
            started = at.plusMillis(200);
        } else {
            double r = random.nextDouble();
            started = at.plusMillis(200);
            if (r < 0.005) {
                status = "FAILED";
                reason = FAILURES[(int) (device.id() % FAILURES.length)];
                started = null;
                updated = at.plusSeconds(5);
            } else if (r < 0.015) {
                status = "PREEMPTED";
                reason = "cut by an emergency";
                ended = started.plusSeconds(BULLETIN_SECONDS / 3);
            } else if (r < 0.018) {
                status = "CANCELLED";
                reason = "campaign paused";
                started = null;
            } else {
                status = "PLAYED";
                ended = started.plusSeconds(BULLETIN_SECONDS);
            }
            if (ended != null) {
                updated = ended;
            }
        }
        sql.append('(').append(campaign.id()).append(',').append(campaign.itemId()).append(',').append(device.id()).append(',')
                .append(campaign.mediaId()).append(",'").append(sqlTime(at)).append("',").append(quoted(started)).append(',')
                .append(quoted(ended)).append(",'").append(status).append("',").append(reason == null ? "NULL" : "'" + reason + "'")
                .append(",'").append(sqlTime(at.minus(HORIZON))).append("','").append(sqlTime(updated)).append("')");
    }

    /** What PlayLog keeps in broadcast_day for the final logs, day by day, as V14 backfills it. */
    private void rollUp() throws SQLException {
        try (Connection db = connect(database)) {
            for (LocalDate day = firstDay; !day.isAfter(today); day = day.plusDays(1)) {
                exec(db, "INSERT INTO broadcast_day (campaign_id, device_id, day, status, plays, airtime_ms) "
                        + "SELECT campaign_id, device_id, '" + day + "', status, COUNT(*), "
                        + "COALESCE(SUM(TIMESTAMPDIFF(MICROSECOND, started_at, ended_at)) DIV 1000, 0) FROM broadcast_log "
                        + "WHERE scheduled_at >= '" + sqlTime(day.atStartOfDay(ZONE).toInstant()) + "' AND scheduled_at < '"
                        + sqlTime(day.plusDays(1).atStartOfDay(ZONE).toInstant()) + "' "
                        + "AND status IN ('PLAYED', 'FAILED', 'MISSED', 'PREEMPTED', 'CANCELLED') GROUP BY campaign_id, device_id, status");
            }
        }
    }

    private void printSizes(Connection db) throws SQLException {
        System.out.printf(Locale.ROOT, "database: %,d areas, %,d devices (%,d offline, %,d in dead air, %,d with the clock off), %,d campaigns%n",
                longValue(db, "SELECT COUNT(*) FROM area"), longValue(db, "SELECT COUNT(*) FROM device"),
                devices.stream().filter(d -> !d.online()).count(), devices.stream().filter(DeviceRow::deadAir).count(),
                devices.stream().filter(d -> Math.abs(d.clockOffsetMs()) > 2000).count(), longValue(db, "SELECT COUNT(*) FROM campaign"));
        Map<String, Long> statuses = new LinkedHashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT status, COUNT(*) FROM broadcast_log GROUP BY status ORDER BY 2 DESC")) {
            while (rs.next()) {
                statuses.put(rs.getString(1), rs.getLong(2));
            }
        }
        Instant todayStart = today.atStartOfDay(ZONE).toInstant();
        System.out.printf(Locale.ROOT, "broadcast_log: %,d rows %s; today %,d (%,d PLAYING now)%n", statuses.values().stream().mapToLong(Long::longValue).sum(),
                statuses, longValue(db, "SELECT COUNT(*) FROM broadcast_log WHERE scheduled_at >= '" + sqlTime(todayStart) + "' AND scheduled_at < '"
                        + sqlTime(today.plusDays(1).atStartOfDay(ZONE).toInstant()) + "'"), statuses.getOrDefault("PLAYING", 0L));
        try (ResultSet rs = db.createStatement().executeQuery("SELECT table_name, data_length, index_length FROM information_schema.tables "
                + "WHERE table_schema = '" + database + "' AND table_name IN ('broadcast_log', 'broadcast_day')")) {
            while (rs.next()) {
                System.out.printf(Locale.ROOT, "table %-14s data %,d MB, indexes %,d MB%n", rs.getString(1), rs.getLong(2) >> 20, rs.getLong(3) >> 20);
            }
        }
        System.out.printf(Locale.ROOT, "broadcast_day holds %,d rows%n", longValue(db, "SELECT COUNT(*) FROM broadcast_day"));
    }

    // ---- the server ----

    private void startServer() throws Exception {
        // No agent sends heartbeats: without a longer silence the server would mark every device offline after 90 s.
        server = BenchServer.start(work, url + database, PASSWORD, "-Dcommunecast.agent.heartbeat-every=6h");
        base = server.base();
    }


    /**
     * The server marks every device offline as it starts (the links it held are gone): the devices online in the data
     * are marked so again, seen a few seconds ago, as their heartbeats would. Then the start-up's sweeps get 30 s.
     */
    private void markPresence() throws Exception {
        List<Long> online = devices.stream().filter(DeviceRow::online).map(DeviceRow::id).toList();
        try (Connection db = connect(database)) {
            for (int attempt = 0; attempt < 5; attempt++) {
                Thread.sleep(2000);
                for (int i = 0; i < online.size(); i += 1000) {
                    String ids = online.subList(i, Math.min(online.size(), i + 1000)).stream().map(String::valueOf).collect(Collectors.joining(","));
                    exec(db, "UPDATE device SET online = TRUE, last_seen_at = UTC_TIMESTAMP(3) - INTERVAL (id % 25) SECOND, "
                            + "heartbeat_at = UTC_TIMESTAMP(3) - INTERVAL (id % 25) SECOND WHERE id IN (" + ids + ")");
                }
                Thread.sleep(3000);
                if (longValue(db, "SELECT COUNT(*) FROM device WHERE online") == online.size()) {
                    break;
                }
            }
            Thread.sleep(30_000);
            System.out.printf(Locale.ROOT, "%,d devices online of %,d after the start-up%n", longValue(db, "SELECT COUNT(*) FROM device WHERE online"), devices.size());
        }
    }

    // ---- the users ----

    /** The login form: 303 with the session's JWT cookie. */
    private String uiLogin(String username, String password) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JWT=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("login of " + username + " answered " + response.statusCode() + " without a JWT cookie"));
        if (response.statusCode() != 303) {
            throw new IllegalStateException("login of " + username + " answered " + response.statusCode());
        }
        return cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'));
    }

    private String apiLogin(String username, String password) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("accessToken").asText();
    }

    private void createProvinceAdmin(String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", PROVINCE_ADMIN, "password", PROVINCE_PASSWORD,
                        "role", "ADMIN", "areaId", provinceId)))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST /api/users answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** An emergency over the whole province, open for 4 h (so it stays open through the timings): its id and the POST's ms. */
    private long[] startEmergency(String token) throws Exception {
        String body = JSON.writeValueAsString(Map.of("mediaId", mediaIds.getFirst(), "areaIds", List.of(provinceId), "repeat", 3, "validMinutes", 240));
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/emergency"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /api/emergency answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode status = JSON.readTree(response.body());
        return new long[] {status.get("id").asLong(), millis};
    }

    // ---- the timings ----

    private void header() {
        System.out.printf(Locale.ROOT, "%-34s %-15s %9s %9s %9s %9s %11s %10s%n", "page", "as", "first ms", "warm ms", "max ms", "KB", "statements",
                "rows read");
    }

    /** First: the page's first request since the server started; warm: the median of the next ones; then one more, counted in the database. */
    private void time(String name, String user, String cookie, String path) throws Exception {
        Timed first = get(cookie, path);
        long[] warm = new long[warmRuns];
        for (int i = 0; i < warmRuns; i++) {
            warm[i] = get(cookie, path).millis();
        }
        Arrays.sort(warm);
        long[] cost;
        try (Connection db = connect(database)) {
            // What reading the counters costs them is what two reads in a row differ by.
            long[] idle = counters(db);
            long[] before = counters(db);
            get(cookie, path);
            long[] after = counters(db);
            cost = new long[] {after[0] - 2 * before[0] + idle[0], after[1] - 2 * before[1] + idle[1]};
        }
        System.out.printf(Locale.ROOT, "%-34s %-15s %9d %9d %9d %9.1f %11d %,10d%n", name, user, first.millis(), warm[warmRuns / 2], warm[warmRuns - 1],
                first.body().length / 1024.0, cost[0], cost[1]);
    }

    /**
     * Statements the database ran and rows its storage engine handed over (the Handler_read_* counters: by key, next
     * and previous in an index, by position, in a scan), server-wide: the server's own sweeps run in between too.
     */
    private static long[] counters(Connection db) throws SQLException {
        long questions = 0;
        long rows = 0;
        try (ResultSet rs = db.createStatement().executeQuery("SHOW GLOBAL STATUS WHERE Variable_name = 'Questions' OR Variable_name IN "
                + "('Handler_read_first', 'Handler_read_key', 'Handler_read_last', 'Handler_read_next', 'Handler_read_prev', "
                + "'Handler_read_rnd', 'Handler_read_rnd_next')")) {
            while (rs.next()) {
                if (rs.getString(1).equals("Questions")) {
                    questions = rs.getLong(2);
                } else {
                    rows += rs.getLong(2);
                }
            }
        }
        return new long[] {questions, rows};
    }

    private record Timed(long millis, byte[] body) {
    }

    private Timed get(String cookie, String path) throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8).lines().limit(5).collect(Collectors.joining(" ")));
        }
        return new Timed(millis, response.body());
    }

    private void cleanUp() throws SQLException {
        try (Connection root = connect("")) {
            BenchServer.cleanUp(server, root, database, keep, poolBefore);
        }
    }

    // ---- SQL helpers ----

    private static String sqlTime(Instant at) {
        return SQL_TIME.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    private static String quoted(Instant at) {
        return at == null ? "NULL" : "'" + sqlTime(at) + "'";
    }

    /** "Phú Hòa" as typed without accents, "phu hoa": the search ignores accents and case as the column's collation does. */
    private static String unaccented(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace('Đ', 'D').replace('đ', 'd');
    }

    private Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection(url + schema, "root", "");
    }
}
