package communecast.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static communecast.app.bench.Sql.area;
import static communecast.app.bench.Sql.exec;
import static communecast.app.bench.Sql.insert;
import static communecast.app.bench.Sql.longValue;
import static communecast.app.bench.Sql.string;

/**
 * Reports over a year of a province's broadcast logs (issue 7). Not a test: run it by hand (docs/PERFORMANCE.md),
 * from the repository root after {@code ./mvnw -B -o -q -DskipTests package}:
 * <pre>
 * java -cp 'app/target/test-classes:app/target/classes:app/target/lib/*' communecast.app.bench.ReportsYearBench
 * </pre>
 *
 * <p>On an external MariaDB (default {@code jdbc:mariadb://127.0.0.1:3306/}, root, no password) it creates the
 * database {@code communecast_bench}, migrates it to V13 (the schema before the roll-up), and writes a province's
 * year with multi-row INSERTs: 30 communes × 30 devices (25 RADIO, 5 LED), 60 plays per device and day from
 * 05:00 every 16 minutes, 365 days, over 25 campaigns (one all year on every device, twelve monthly ones on every
 * device, twelve of 60 days on three communes each). Days up to today are final (about 4 % MISSED, whole days
 * or from a random play on, 1 % PREEMPTED, 0.5 % FAILED, 0.3 % CANCELLED, the rest PLAYED). Then it starts the
 * server jar on that database, which runs V14 (the index and the backfill of the roll-up) before it answers
 * {@code /health}, adds tomorrow's plays as PENDING (as the dispatch horizon keeps them; after the start, which
 * withdraws future plays of campaigns not approved), and times the reports over HTTP: the first
 * request of each with InnoDB's buffer pool emptied just before (shrunk to 32 MB and grown back: cold), then the
 * median of {@code bench.warmRuns} more (warm). For comparison it times the count the campaign report made before
 * the roll-up, straight from broadcast_log, and checks that the roll-up agrees with it. The database is dropped
 * at the end and the buffer pool set back to its size before the run.
 *
 * <p>System properties: {@code bench.url}, {@code bench.database} (communecast_bench), {@code bench.communes} (30),
 * {@code bench.devicesPerCommune} (30), {@code bench.playsPerDay} (60), {@code bench.days} (365),
 * {@code bench.poolMb} (the buffer pool during the run, 2048), {@code bench.warmRuns} (5), {@code bench.keep}
 * (true: keep the database), {@code bench.reuse} (true: time the reports again on the database an earlier run kept,
 * the same day, with the same sizes), {@code bench.insertThreads} (2).
 */
public final class ReportsYearBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final String PASSWORD = "bench-reports-pw";
    private static final String MISSED = "no report from the device within 120 s of its time";
    private static final String[] FAILURES = {"media not ready: download failed (HTTP 503)", "audio device unavailable",
            "decoder error: invalid data found when processing input"};
    private static final int ROWS_PER_INSERT = 4000;
    private static final int MONTHLY = 12;
    private static final int LOCAL = 12;

    private final String url = System.getProperty("bench.url", "jdbc:mariadb://127.0.0.1:3306/");
    private final String database = System.getProperty("bench.database", "communecast_bench");
    private final int communes = Integer.getInteger("bench.communes", 30);
    private final int devicesPerCommune = Integer.getInteger("bench.devicesPerCommune", 30);
    private final int playsPerDay = Integer.getInteger("bench.playsPerDay", 60);
    private final int days = Integer.getInteger("bench.days", 365);
    private final long poolMb = Long.getLong("bench.poolMb", 2048);
    private final int warmRuns = Integer.getInteger("bench.warmRuns", 5);
    private final boolean keep = Boolean.getBoolean("bench.keep");
    private final boolean reuse = Boolean.getBoolean("bench.reuse");
    private final int insertThreads = Integer.getInteger("bench.insertThreads", 2);
    private final Path work = Path.of("app/target/bench/reports-year").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The last day of the year generated is tomorrow: its plays are still PENDING, written once the server runs. */
    private final LocalDate lastDay = LocalDate.now(ZONE).plusDays(1);
    private final LocalDate firstDay = lastDay.minusDays(days - 1);
    private long provinceId;
    private final List<Long> communeIds = new ArrayList<>();
    private final List<long[]> devices = new ArrayList<>();
    private final List<Campaign> campaigns = new ArrayList<>();
    private long mediaId;
    private long poolBefore;
    private BenchServer server;
    private String base;
    private String token;

    /** A campaign on {@code communeCount} communes from {@code firstCommune} on (round the province). */
    private record Campaign(long id, long itemId, int firstDay, int lastDay, int firstCommune, int communeCount, int communes) {
        boolean covers(int day, int commune) {
            return day >= firstDay && day <= lastDay && Math.floorMod(commune - firstCommune, communes) < communeCount;
        }
    }

    public static void main(String[] args) throws Exception {
        ReportsYearBench bench = new ReportsYearBench();
        try {
            bench.run();
        } finally {
            bench.cleanUp();
        }
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        printMachine();
        boolean fresh;
        try (Connection root = connect("")) {
            poolBefore = longValue(root, "SELECT @@innodb_buffer_pool_size");
            exec(root, "SET GLOBAL innodb_buffer_pool_size = " + poolMb * 1024 * 1024);
            fresh = !reuse || longValue(root, "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + database + "'") == 0;
            if (fresh) {
                exec(root, "DROP DATABASE IF EXISTS " + database);
                exec(root, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
        }
        if (fresh) {
            Flyway.configure().dataSource(url + database, "root", "").locations("classpath:db/migration").target("13")
                    .placeholders(Map.of("utc_offset_seconds", "25200")).load().migrate();
            long started = System.nanoTime();
            long rows = generate();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "generated %,d broadcast logs (%d devices, %d campaigns, %s – %s) in %.0f s: %,.0f rows/s%n",
                    rows, devices.size(), campaigns.size(), firstDay, lastDay.minusDays(1), seconds, rows / seconds);
        } else {
            try (Connection db = connect(database)) {
                load(db);
            }
            System.out.println("reusing the logs already in " + database);
        }
        startServer();
        reopenTomorrow();
        try (Connection db = connect(database)) {
            System.out.printf(Locale.ROOT, "V14 (index on broadcast_log, roll-up backfill) took %.1f s%n",
                    longValue(db, "SELECT execution_time FROM flyway_schema_history WHERE version = '14'") / 1000.0);
            printSizes(db);
        }
        token = login();
        Campaign yearLong = campaigns.getFirst();
        Campaign month = campaigns.get(MONTHLY / 2);
        String year = "from=" + firstDay + "&to=" + lastDay;
        LocalDate monthStart = lastDay.minusDays(30);
        List<String[]> cases = List.of(
                new String[] {"campaign all year, every device", "/api/reports/campaigns/" + yearLong.id()},
                new String[] {"  same, XLSX", "/api/reports/campaigns/" + yearLong.id() + "?format=xlsx"},
                new String[] {"  same, PDF", "/api/reports/campaigns/" + yearLong.id() + "?format=pdf"},
                new String[] {"campaign of a month, every device", "/api/reports/campaigns/" + month.id()},
                new String[] {"province, the whole year", "/api/reports/areas/" + provinceId + "?" + year},
                new String[] {"  same, XLSX", "/api/reports/areas/" + provinceId + "?" + year + "&format=xlsx"},
                new String[] {"  same, PDF", "/api/reports/areas/" + provinceId + "?" + year + "&format=pdf"},
                new String[] {"province, the last 31 days", "/api/reports/areas/" + provinceId + "?from=" + monthStart + "&to=" + lastDay},
                new String[] {"commune, the whole year", "/api/reports/areas/" + communeIds.getFirst() + "?" + year});
        System.out.printf(Locale.ROOT, "%-36s %10s %10s %10s  %s%n", "report", "cold ms", "warm ms", "bytes", "figures");
        for (String[] c : cases) {
            time(c[0], c[1]);
        }
        rawComparison(yearLong);
    }

    private void printMachine() throws IOException, SQLException {
        try (Connection root = connect("")) {
            Sql.printMachine(root);
        }
        System.out.printf("size: %d communes × %d devices × %d plays a day × %d days%n", communes, devicesPerCommune, playsPerDay, days);
    }

    // ---- the data ----

    private long generate() throws Exception {
        try (Connection db = connect(database)) {
            structure(db);
        }
        return DayWriters.write(() -> connect(database), days - 1, insertThreads, 30, this::day);
    }

    /** The province, its communes and devices, one media item and the campaigns. */
    private void structure(Connection db) throws SQLException {
        long user = insert(db, "INSERT INTO app_user (username, password_hash, role, created_at) VALUES ('bench-generator', '-', 'ADMIN', NOW(3))");
        provinceId = area(db, "Tỉnh Bench", "BENCH", "PROVINCE", null, "/");
        for (int c = 0; c < communes; c++) {
            long commune = area(db, String.format("Xã Bench %02d", c + 1), String.format("BENCH-%02d", c + 1), "COMMUNE", provinceId, "/" + provinceId + "/");
            communeIds.add(commune);
            for (int d = 0; d < devicesPerCommune; d++) {
                boolean led = d >= devicesPerCommune - devicesPerCommune / 6;
                devices.add(new long[] {insert(db, "INSERT INTO device (name, area_id, kind, screen_width, screen_height, created_at) VALUES ('"
                        + (led ? "Màn hình LED " : "Cụm loa ") + (d + 1) + "', " + commune + ", '" + (led ? "LED', 384, 192" : "RADIO', NULL, NULL")
                        + ", NOW(3))"), c, led ? 1 : 0});
            }
        }
        mediaId = insert(db, "INSERT INTO media (title, status, kind, duration_ms, sha256, size_bytes, created_by, created_at) VALUES "
                + "('Bản tin', 'READY', 'AUDIO', 90000, '" + "0".repeat(64) + "', 1000000, " + user + ", NOW(3))");
        for (Plan plan : plans()) {
            campaign(db, user, plan);
        }
    }

    /** What each campaign covers: one all year on every commune, twelve monthly ones, twelve of 60 days on three communes. */
    private record Plan(String title, int firstDay, int lastDay, int firstCommune, int communeCount) {
    }

    private List<Plan> plans() {
        List<Plan> plans = new ArrayList<>(List.of(new Plan("Bản tin thời sự hằng ngày", 0, days - 1, 0, communes)));
        int month = Math.max(1, days / MONTHLY);
        for (int m = 0; m < MONTHLY; m++) {
            plans.add(new Plan("Tuyên truyền tháng " + (m + 1), m * month, m == MONTHLY - 1 ? days - 1 : (m + 1) * month - 1, 0, communes));
        }
        for (int k = 0; k < LOCAL; k++) {
            plans.add(new Plan("Tuyên truyền phòng cháy chữa cháy đợt " + (k + 1), k * month, Math.min(days - 1, k * month + 59),
                    (k * 3) % communes, Math.min(3, communes)));
        }
        return plans;
    }

    /** The ids of a database made by an earlier run with the same sizes ({@code bench.reuse}, on the same day). */
    private void load(Connection db) throws SQLException {
        provinceId = longValue(db, "SELECT id FROM area WHERE code = 'BENCH'");
        Map<Long, Integer> communeOf = new HashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT id FROM area WHERE kind = 'COMMUNE' ORDER BY code")) {
            while (rs.next()) {
                communeOf.put(rs.getLong(1), communeIds.size());
                communeIds.add(rs.getLong(1));
            }
        }
        try (ResultSet rs = db.createStatement().executeQuery("SELECT id, area_id, kind FROM device ORDER BY id")) {
            while (rs.next()) {
                devices.add(new long[] {rs.getLong(1), communeOf.get(rs.getLong(2)), rs.getString(3).equals("LED") ? 1 : 0});
            }
        }
        mediaId = longValue(db, "SELECT MIN(id) FROM media");
        List<Plan> plans = plans();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT campaign_id, id FROM campaign_item ORDER BY campaign_id")) {
            for (int i = 0; rs.next(); i++) {
                Plan plan = plans.get(i);
                campaigns.add(new Campaign(rs.getLong(1), rs.getLong(2), plan.firstDay(), plan.lastDay(), plan.firstCommune(),
                        plan.communeCount(), communes));
            }
        }
        if (devices.size() != communes * devicesPerCommune || campaigns.size() != plans.size()) {
            throw new IllegalStateException(database + " was made with other sizes: drop it or run without bench.reuse");
        }
    }

    /**
     * Tomorrow's plays, PENDING as the dispatch horizon keeps them, written once the server runs: just after it
     * starts it withdraws the future plays of campaigns not approved (these are COMPLETED), so a run on a kept
     * database waits for that before it writes them again.
     */
    private void reopenTomorrow() throws Exception {
        String tomorrow = SQL_TIME.format(lastDay.atStartOfDay(ZONE).withZoneSameInstant(ZoneOffset.UTC));
        try (Connection db = connect(database)) {
            for (int i = 0; i < 600 && longValue(db, "SELECT COUNT(*) FROM broadcast_log WHERE status = 'PENDING' AND scheduled_at >= '"
                    + tomorrow + "'") > 0; i++) {
                Thread.sleep(500);
            }
            exec(db, "DELETE FROM broadcast_log WHERE scheduled_at >= '" + tomorrow + "'");
            exec(db, "DELETE FROM broadcast_day WHERE day >= '" + lastDay + "'");
            System.out.printf(Locale.ROOT, "%,d PENDING plays for %s (the dispatch horizon)%n", day(db, days - 1), lastDay);
        }
    }

    private void campaign(Connection db, long user, Plan plan) throws SQLException {
        int count = plan.communeCount();
        int firstCommune = plan.firstCommune();
        long area = count == communes ? provinceId : communeIds.get(firstCommune);
        long id = insert(db, "INSERT INTO campaign (title, legal_basis, level, status, start_date, end_date, area_id, created_by, created_at) VALUES ('"
                + plan.title() + "', 'Kế hoạch số " + (campaigns.size() + 100) + "/KH-UBND', 'NORMAL', 'COMPLETED', '"
                + firstDay.plusDays(plan.firstDay()) + "', '" + firstDay.plusDays(plan.lastDay()) + "', " + area + ", " + user + ", NOW(3))");
        long item = insert(db, "INSERT INTO campaign_item (campaign_id, position, media_id, rule_json) VALUES (" + id + ", 0, " + mediaId
                + ", '{\"type\":\"LOOP\",\"from\":\"05:00\",\"to\":\"21:00\",\"everyMinutes\":16}')");
        for (int c = 0; c < count; c++) {
            exec(db, "INSERT INTO campaign_target (campaign_id, area_id) VALUES (" + id + ", " + communeIds.get((firstCommune + c) % communes) + ")");
        }
        campaigns.add(new Campaign(id, item, plan.firstDay(), plan.lastDay(), firstCommune, count, communes));
    }

    /** One day of every device, as multi-row INSERTs; a device's plays go round its campaigns of the day. */
    private long day(Connection db, int day) throws SQLException {
        LocalDate date = firstDay.plusDays(day);
        boolean open = date.equals(lastDay);
        Slot[] slots = new Slot[playsPerDay];
        for (int s = 0; s < playsPerDay; s++) {
            slots[s] = new Slot(date.atTime(LocalTime.of(5, 0)).plusMinutes(16L * s).atZone(ZONE).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        try (LogInserts inserts = new LogInserts(db, ROWS_PER_INSERT)) {
            for (long[] device : devices) {
                List<Campaign> active = campaigns.stream().filter(c -> c.covers(day, (int) device[1])).toList();
                Random random = new Random(device[0] * 100_003L + day);
                double health = random.nextDouble();
                int offlineFrom = health < 0.02 ? 0 : health < 0.06 ? random.nextInt(playsPerDay) : playsPerDay;
                for (int s = 0; s < playsPerDay; s++) {
                    Campaign campaign = active.get(s % active.size());
                    row(inserts.next(), campaign, device, slots[s], open ? null : outcome(random, s >= offlineFrom));
                }
            }
            return inserts.finish();
        }
    }

    private enum Outcome { PLAYED, PREEMPTED, FAILED, CANCELLED, MISSED }

    private static Outcome outcome(Random random, boolean offline) {
        if (offline) {
            return Outcome.MISSED;
        }
        double r = random.nextDouble();
        return r < 0.005 ? Outcome.FAILED : r < 0.015 ? Outcome.PREEMPTED : r < 0.018 ? Outcome.CANCELLED : Outcome.PLAYED;
    }

    /** A play's time of day in SQL form (UTC), with when it started and ended if it aired (in full or cut). */
    private record Slot(String at, String startedAt, String[] endedAt) {
        Slot(LocalDateTime at) {
            this(SQL_TIME.format(at), SQL_TIME.format(at.plusNanos(200_000_000)), new String[] {
                    SQL_TIME.format(at.plusNanos(200_000_000).plusSeconds(90)), SQL_TIME.format(at.plusNanos(200_000_000).plusSeconds(30)),
                    SQL_TIME.format(at.plusNanos(200_000_000).plusSeconds(30)), SQL_TIME.format(at.plusNanos(200_000_000).plusSeconds(10))});
        }

        /** A radio bulletin lasts 90 s, an LED clip 30 s; a preempted play is cut after a third. */
        String endedAt(boolean led, boolean cut) {
            return endedAt[(led ? 2 : 0) + (cut ? 1 : 0)];
        }
    }

    private void row(StringBuilder sql, Campaign campaign, long[] device, Slot slot, Outcome outcome) {
        String at = slot.at();
        String startedAt = null;
        String endedAt = null;
        String reason = null;
        if (outcome == Outcome.PLAYED || outcome == Outcome.PREEMPTED) {
            startedAt = slot.startedAt();
            endedAt = slot.endedAt(device[2] == 1, outcome == Outcome.PREEMPTED);
            reason = outcome == Outcome.PREEMPTED ? "cut by an emergency" : null;
        } else if (outcome == Outcome.FAILED) {
            reason = FAILURES[(int) (device[0] % FAILURES.length)];
        } else if (outcome == Outcome.MISSED) {
            reason = MISSED;
        } else if (outcome == Outcome.CANCELLED) {
            reason = "campaign paused";
        }
        sql.append('(').append(campaign.id()).append(',').append(campaign.itemId()).append(',').append(device[0]).append(',')
                .append(mediaId).append(",'").append(at).append("',").append(quoted(startedAt)).append(',').append(quoted(endedAt))
                .append(",'").append(outcome == null ? "PENDING" : outcome.name()).append("',").append(quoted(reason)).append(",'")
                .append(at).append("','").append(endedAt == null ? at : endedAt).append("')");
    }

    private static String quoted(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }

    private void printSizes(Connection db) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery("SELECT table_name, table_rows, data_length, index_length FROM information_schema.tables "
                + "WHERE table_schema = '" + database + "' AND table_name IN ('broadcast_log', 'broadcast_day')")) {
            while (rs.next()) {
                System.out.printf(Locale.ROOT, "table %-14s ~%,d rows (InnoDB's estimate), data %,d MB, indexes %,d MB%n", rs.getString(1),
                        rs.getLong(2), rs.getLong(3) >> 20, rs.getLong(4) >> 20);
            }
        }
        System.out.printf(Locale.ROOT, "broadcast_day holds %,d rows%n", longValue(db, "SELECT COUNT(*) FROM broadcast_day"));
    }

    // ---- the server and the timings ----

    private void startServer() throws Exception {
        server = BenchServer.start(work, url + database, PASSWORD);
        base = server.base();
    }


    private String login() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("accessToken").asText();
    }

    /** Cold: the buffer pool emptied just before; warm: the median of the runs after it. */
    private void time(String name, String path) throws Exception {
        evictBufferPool();
        Timed cold = get(path);
        long[] warm = new long[warmRuns];
        for (int i = 0; i < warmRuns; i++) {
            warm[i] = get(path).millis();
        }
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "%-36s %10d %10d %10d  %s%n", name, cold.millis(), warm[warmRuns / 2], cold.body().length, figures(path, cold.body()));
    }

    private record Timed(long millis, byte[] body) {
    }

    private Timed get(String path) throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return new Timed(millis, response.body());
    }

    private static String figures(String path, byte[] body) throws IOException {
        if (path.contains("format=")) {
            return "";
        }
        JsonNode report = JSON.readTree(body);
        return String.format(Locale.ROOT, "planned %,d, aired %,d, missed %,d, failed %,d, preempted %,d, pending %,d; lines: %s",
                report.get("planned").asLong(), report.get("aired").asLong(), report.get("missed").asLong(), report.get("failed").asLong(),
                report.get("preempted").asLong(), report.get("pending").asLong(), lineCounts(report));
    }

    private static String lineCounts(JsonNode report) {
        List<String> counts = new ArrayList<>();
        for (String name : List.of("campaigns", "communes", "devices", "days", "notAired")) {
            if (report.has(name)) {
                counts.add(name + " " + report.get(name).size());
            }
        }
        return String.join(", ", counts);
    }

    /** Shrinking the pool to 32 MB drops what it held of the bench's tables; growing it back leaves it empty. */
    private void evictBufferPool() throws Exception {
        try (Connection root = connect("")) {
            exec(root, "SET GLOBAL innodb_buffer_pool_size = " + (32L << 20));
            waitForPool(root, 32L << 20);
            exec(root, "SET GLOBAL innodb_buffer_pool_size = " + poolMb * 1024 * 1024);
            waitForPool(root, poolMb << 20);
        }
    }

    private static void waitForPool(Connection root, long bytes) throws Exception {
        for (int i = 0; i < 600 && longValue(root, "SELECT @@innodb_buffer_pool_size") != bytes; i++) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
    }

    /** What the campaign report counted before the roll-up, straight from the logs; and whether the roll-up agrees. */
    private void rawComparison(Campaign campaign) throws Exception {
        String raw = "SELECT device_id, status, COUNT(*), COALESCE(SUM(TIMESTAMPDIFF(MICROSECOND, started_at, ended_at)) DIV 1000, 0) "
                + "FROM broadcast_log WHERE campaign_id = ? AND status NOT IN ('PENDING', 'PLAYING') GROUP BY device_id, status";
        String rolled = "SELECT device_id, status, SUM(plays), SUM(airtime_ms) FROM broadcast_day WHERE campaign_id = ? GROUP BY device_id, status";
        evictBufferPool();
        try (Connection db = connect(database)) {
            long started = System.nanoTime();
            Map<String, String> fromLogs = groups(db, raw, campaign.id());
            long coldMs = (System.nanoTime() - started) / 1_000_000;
            started = System.nanoTime();
            groups(db, raw, campaign.id());
            long warmMs = (System.nanoTime() - started) / 1_000_000;
            Map<String, String> fromRollup = groups(db, rolled, campaign.id());
            System.out.printf(Locale.ROOT, "the same campaign counted from broadcast_log (per device and status, as before V14): cold %d ms, warm %d ms%n",
                    coldMs, warmMs);
            System.out.println("the roll-up agrees with broadcast_log for it: " + (fromLogs.equals(fromRollup) ? "yes" : "NO") + " ("
                    + fromLogs.size() + " device-status groups)");
        }
    }

    private static Map<String, String> groups(Connection db, String sql, long campaignId) throws SQLException {
        Map<String, String> groups = new HashMap<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, campaignId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    groups.put(rs.getLong(1) + "/" + rs.getString(2), rs.getLong(3) + "/" + rs.getLong(4));
                }
            }
        }
        return groups;
    }

    private void cleanUp() throws SQLException {
        try (Connection root = connect("")) {
            BenchServer.cleanUp(server, root, database, keep, poolBefore);
        }
    }

    // ---- JDBC ----

    private Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection(url + schema, "root", "");
    }
}
