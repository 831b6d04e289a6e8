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
import java.sql.Connection;
import java.sql.DriverManager;
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
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static communecast.app.bench.Sql.area;
import static communecast.app.bench.Sql.exec;
import static communecast.app.bench.Sql.insert;
import static communecast.app.bench.Sql.longValue;
import static communecast.app.bench.Sql.string;

/**
 * The broadcast results export (issue 16 §4, docs/integration.md): a whole year of a province read page after page
 * through {@code GET /api/exports/broadcasts}, in JSON (following {@code next}) and in CSV (following the
 * {@code Link: <…>; rel="next"} header). Not a test: run it by hand (docs/PERFORMANCE.md), from the repository root
 * after {@code ./mvnw -B -o -q -DskipTests install && ./mvnw -B -o -q -pl app test-compile}:
 * <pre>
 * java -cp 'app/target/test-classes:app/target/classes:app/target/lib/*' communecast.app.bench.ExportBench
 * </pre>
 *
 * <p>On an external MariaDB (default {@code jdbc:mariadb://127.0.0.1:3306/}, root, no password) it creates the
 * database {@code communecast_export_bench}, migrates it with Flyway to the latest version and writes, with
 * multi-row INSERTs, a province's year: 90 communes × 24 devices (every sixth an LED screen), 3 plays per device and
 * day (every device at the same times, so that many plays share a time and the cursor's id decides), 365 days up to
 * yesterday, all final (about 4 % MISSED, 1 % PREEMPTED, 0.5 % FAILED, 0.3 % CANCELLED, the rest PLAYED), over 13
 * campaigns (one all year, twelve monthly ones). Then it starts the server jar on that database, logs in as the
 * admin, reads the first pages of both formats once untimed (the server's JIT and the buffer pool's warm-up), and
 * reads the whole year in each format with {@code bench.limit} plays a page, each page timed from request to last
 * byte. It prints the plays and pages read, the wall time and plays/s, the slowest and the median page, the first
 * page and page {@code bench.deepPage} (a page deep in the year: the cursor is a (time, id) seek, so it should cost
 * what the first one does), and whether every play of the year was read exactly once. The database is dropped at the
 * end and the buffer pool set back to its size before.
 *
 * <p>System properties: {@code bench.url}, {@code bench.database} (communecast_export_bench), {@code bench.communes}
 * (90), {@code bench.devicesPerCommune} (24), {@code bench.playsPerDay} (3), {@code bench.days} (365),
 * {@code bench.limit} (10000, the API's most), {@code bench.deepPage} (100), {@code bench.poolMb} (the buffer pool
 * during the run, 2048), {@code bench.insertThreads} (2), {@code bench.keep} (true: keep the database).
 */
public final class ExportBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final String PASSWORD = "bench-export-pw";
    private static final String MISSED = "no report from the device within 120 s of its time";
    private static final String[] FAILURES = {"media not ready: download failed (HTTP 503)", "audio device unavailable",
            "decoder error: invalid data found when processing input"};
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final int ROWS_PER_INSERT = 4000;
    private static final int MONTHLY = 12;

    private final String url = System.getProperty("bench.url", "jdbc:mariadb://127.0.0.1:3306/");
    private final String database = System.getProperty("bench.database", "communecast_export_bench");
    private final int communes = Integer.getInteger("bench.communes", 90);
    private final int devicesPerCommune = Integer.getInteger("bench.devicesPerCommune", 24);
    private final int playsPerDay = Integer.getInteger("bench.playsPerDay", 3);
    private final int days = Integer.getInteger("bench.days", 365);
    private final int limit = Integer.getInteger("bench.limit", 10_000);
    private final int deepPage = Integer.getInteger("bench.deepPage", 100);
    private final long poolMb = Long.getLong("bench.poolMb", 2048);
    private final int insertThreads = Integer.getInteger("bench.insertThreads", 2);
    private final boolean keep = Boolean.getBoolean("bench.keep");
    private final Path work = Path.of("app/target/bench/export").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** The year ends yesterday: every play in it is final, so nothing changes while it is read. */
    private final LocalDate lastDay = LocalDate.now(ZONE).minusDays(1);
    private final LocalDate firstDay = lastDay.minusDays(days - 1);
    private long provinceId;
    private long generatorId;
    private long mediaId;
    private final List<Long> communeIds = new ArrayList<>();
    private final List<long[]> devices = new ArrayList<>();
    private final List<Campaign> campaigns = new ArrayList<>();
    private long poolBefore;
    private BenchServer server;
    private String base;
    private String token;

    /** A campaign on every device of the province over its days (from firstDay, inclusive). */
    private record Campaign(long id, long itemId, int firstDay, int lastDay) {
        boolean covers(int day) {
            return day >= firstDay && day <= lastDay;
        }
    }

    public static void main(String[] args) throws Exception {
        ExportBench bench = new ExportBench();
        try {
            bench.run();
        } finally {
            bench.cleanUp();
        }
    }

    private void run() throws Exception {
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
        System.out.printf(Locale.ROOT, "generated %,d broadcast logs (%,d devices, %d campaigns, %s – %s) in %.0f s: %,.0f rows/s%n",
                rows, devices.size(), campaigns.size(), firstDay, lastDay, seconds, rows / seconds);
        long expected;
        try (Connection db = connect(database)) {
            exec(db, "ANALYZE TABLE broadcast_log, device, area, campaign");
            printSizes(db);
            expected = longValue(db, "SELECT COUNT(*) FROM broadcast_log WHERE scheduled_at >= '" + utc(firstDay) + "' AND scheduled_at < '"
                    + utc(lastDay.plusDays(1)) + "'");
            printPlans(db);
        }
        server = BenchServer.start(work, url + database, PASSWORD);
        base = server.base();
        token = login();
        String year = "/api/exports/broadcasts?areaId=" + provinceId + "&from=" + firstDay + "&to=" + lastDay + "&limit=" + limit;
        // Untimed: the first requests since the server started pay for its JIT, not for the export.
        for (String format : List.of("json", "csv")) {
            System.out.printf(Locale.ROOT, "warm-up, first page %s: %d ms%n", format, get(year + "&format=" + format).millis());
        }
        System.out.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).strip());
        print("JSON", readAll(year + "&format=json", false), expected);
        print("CSV", readAll(year + "&format=csv", true), expected);
        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private void printMachine() throws IOException, SQLException {
        try (Connection root = connect("")) {
            Sql.printMachine(root);
        }
        System.out.printf("size: %d communes × %d devices × %d plays a day × %d days; %,d plays a page%n", communes, devicesPerCommune,
                playsPerDay, days, limit);
    }

    // ---- the data ----

    private long generate() throws Exception {
        try (Connection db = connect(database)) {
            structure(db);
        }
        return DayWriters.write(() -> connect(database), days, insertThreads, 60, this::day);
    }

    /** The province, its communes and devices, one bulletin and the campaigns. */
    private void structure(Connection db) throws SQLException {
        generatorId = insert(db, "INSERT INTO app_user (username, password_hash, role, created_at) VALUES ('bench-generator', '-', 'ADMIN', NOW(3))");
        provinceId = area(db, "Tỉnh Bench", "BENCH", "PROVINCE", null, "/");
        for (int c = 0; c < communes; c++) {
            long commune = area(db, String.format(Locale.ROOT, "Xã Bench %03d", c + 1), String.format(Locale.ROOT, "BENCH-%03d", c + 1), "COMMUNE",
                    provinceId, "/" + provinceId + "/");
            communeIds.add(commune);
            StringBuilder sql = new StringBuilder("INSERT INTO device (name, area_id, kind, screen_width, screen_height, created_at) VALUES ");
            for (int d = 0; d < devicesPerCommune; d++) {
                boolean led = d % 6 == 5;
                sql.append(d == 0 ? "" : ",").append("('").append(led ? "Màn hình LED " : "Cụm loa ").append(d + 1).append("', ").append(commune)
                        .append(led ? ", 'LED', 384, 192" : ", 'RADIO', NULL, NULL").append(", NOW(3))");
            }
            exec(db, sql.toString());
            // A multi-row INSERT answers the first id only: the commune's devices are read back.
            try (ResultSet rs = db.createStatement().executeQuery("SELECT id, kind FROM device WHERE area_id = " + commune + " ORDER BY id")) {
                while (rs.next()) {
                    devices.add(new long[] {rs.getLong(1), rs.getString(2).equals("LED") ? 1 : 0});
                }
            }
        }
        mediaId = insert(db, "INSERT INTO media (title, status, kind, duration_ms, sha256, size_bytes, created_by, created_at) VALUES "
                + "('Bản tin', 'READY', 'AUDIO', 90000, '" + "0".repeat(64) + "', 1000000, " + generatorId + ", NOW(3))");
        campaign(db, "Bản tin thời sự hằng ngày", 0, days - 1);
        int month = Math.max(1, days / MONTHLY);
        for (int m = 0; m < MONTHLY; m++) {
            campaign(db, "Tuyên truyền tháng " + (m + 1), m * month, m == MONTHLY - 1 ? days - 1 : (m + 1) * month - 1);
        }
    }

    private void campaign(Connection db, String title, int first, int last) throws SQLException {
        long id = insert(db, "INSERT INTO campaign (title, legal_basis, level, status, start_date, end_date, area_id, created_by, created_at, "
                + "approved_by, approved_at) VALUES ('" + title + "', 'Kế hoạch số " + (campaigns.size() + 100) + "/KH-UBND', 'NORMAL', 'COMPLETED', '"
                + firstDay.plusDays(first) + "', '" + firstDay.plusDays(last) + "', " + provinceId + ", " + generatorId + ", NOW(3), " + generatorId
                + ", NOW(3))");
        long item = insert(db, "INSERT INTO campaign_item (campaign_id, position, media_id, rule_json) VALUES (" + id + ", 0, " + mediaId
                + ", '{\"type\":\"LOOP\",\"from\":\"05:00\",\"to\":\"21:00\",\"everyMinutes\":" + 16 * 60 / playsPerDay + "}')");
        exec(db, "INSERT INTO campaign_target (campaign_id, area_id) VALUES (" + id + ", " + provinceId + ")");
        campaigns.add(new Campaign(id, item, first, last));
    }

    /** One day of every device, as multi-row INSERTs; a device's plays go round its campaigns of the day. */
    private long day(Connection db, int day) throws SQLException {
        LocalDate date = firstDay.plusDays(day);
        List<Campaign> active = campaigns.stream().filter(c -> c.covers(day)).toList();
        String[] at = new String[playsPerDay];
        for (int s = 0; s < playsPerDay; s++) {
            at[s] = SQL_TIME.format(date.atTime(LocalTime.of(5, 0)).plusMinutes((long) s * 16 * 60 / playsPerDay).atZone(ZONE)
                    .withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        try (LogInserts inserts = new LogInserts(db, ROWS_PER_INSERT)) {
            for (long[] device : devices) {
                Random random = new Random(device[0] * 100_003L + day);
                double health = random.nextDouble();
                int offlineFrom = health < 0.02 ? 0 : health < 0.06 ? random.nextInt(playsPerDay) : playsPerDay;
                for (int s = 0; s < playsPerDay; s++) {
                    row(inserts.next(), active.get((s + day) % active.size()), device, at[s], outcome(random, s >= offlineFrom));
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

    /** A radio bulletin lasts 90 s, an LED clip 30 s, from 0.2 s after its time; a preempted play is cut after a third. */
    private void row(StringBuilder sql, Campaign campaign, long[] device, String at, Outcome outcome) {
        String startedAt = null;
        String endedAt = null;
        String reason = null;
        if (outcome == Outcome.PLAYED || outcome == Outcome.PREEMPTED) {
            LocalDateTime start = LocalDateTime.parse(at, SQL_TIME).plusNanos(200_000_000);
            long length = (device[1] == 1 ? 30 : 90) / (outcome == Outcome.PREEMPTED ? 3 : 1);
            startedAt = SQL_TIME.format(start);
            endedAt = SQL_TIME.format(start.plusSeconds(length));
            reason = outcome == Outcome.PREEMPTED ? "cut by an emergency" : null;
        } else if (outcome == Outcome.FAILED) {
            reason = FAILURES[(int) (device[0] % FAILURES.length)];
        } else if (outcome == Outcome.MISSED) {
            reason = MISSED;
        } else {
            reason = "campaign paused";
        }
        sql.append('(').append(campaign.id()).append(',').append(campaign.itemId()).append(',').append(device[0]).append(',')
                .append(mediaId).append(",'").append(at).append("',").append(quoted(startedAt)).append(',').append(quoted(endedAt))
                .append(",'").append(outcome.name()).append("',").append(quoted(reason)).append(",'")
                .append(at).append("','").append(endedAt == null ? at : endedAt).append("')");
    }

    private static String quoted(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }

    /** A local day's start in SQL form (UTC), as broadcast_log holds its times. */
    private static String utc(LocalDate day) {
        return SQL_TIME.format(day.atStartOfDay(ZONE).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }

    private void printSizes(Connection db) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery("SELECT table_name, table_rows, data_length, index_length FROM information_schema.tables "
                + "WHERE table_schema = '" + database + "' AND table_name = 'broadcast_log'")) {
            while (rs.next()) {
                System.out.printf(Locale.ROOT, "table %-14s ~%,d rows (InnoDB's estimate), data %,d MB, indexes %,d MB%n", rs.getString(1),
                        rs.getLong(2), rs.getLong(3) >> 20, rs.getLong(4) >> 20);
            }
        }
    }

    /**
     * What MariaDB plans for the first page and for page {@code bench.deepPage}, the statement written as
     * BroadcastLogQuery.find writes it for an area: a page is fast only while it walks an index in (scheduled_at, id)
     * order and stops after {@code limit} rows; a plan that sorts the year (filesort, a temporary table) costs seconds.
     */
    private void printPlans(Connection db) throws SQLException {
        String scope = devices.stream().map(d -> String.valueOf(d[0])).collect(Collectors.joining(","));
        String page = "SELECT id, campaign_id, item_id, device_id, media_id, scheduled_at, started_at, ended_at, status, reason, play_until, "
                + "delivered_at FROM broadcast_log WHERE device_id IN (" + scope + ") AND scheduled_at >= '" + utc(firstDay)
                + "' AND scheduled_at < '" + utc(lastDay.plusDays(1)) + "'%s ORDER BY scheduled_at, id LIMIT " + limit + " OFFSET 0";
        System.out.println("plan, first page: " + plan(db, String.format(page, "")));
        String cursor;
        try (ResultSet rs = db.createStatement().executeQuery("SELECT scheduled_at, id FROM broadcast_log ORDER BY scheduled_at, id LIMIT 1 OFFSET "
                + ((long) (deepPage - 1) * limit - 1))) {
            if (!rs.next()) {
                return;
            }
            String at = SQL_TIME.format(rs.getTimestamp(1).toLocalDateTime());
            cursor = " AND (scheduled_at > '" + at + "' OR scheduled_at = '" + at + "' AND id > " + rs.getLong(2) + ")";
        }
        System.out.println("plan, page " + deepPage + ": " + plan(db, String.format(page, cursor)));
    }

    /** EXPLAIN's rows, one per table, as {@code table: type key (rows) Extra}. */
    private static String plan(Connection db, String sql) throws SQLException {
        List<String> steps = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                steps.add(rs.getString("table") + ": " + rs.getString("type") + " " + rs.getString("key") + " (" + rs.getLong("rows") + ") "
                        + rs.getString("Extra"));
            }
        }
        return String.join("; ", steps);
    }

    // ---- the server and the timings ----

    private String login() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", "admin", "password", PASSWORD)))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("accessToken").asText();
    }

    /** A whole read: each page's time from request to last byte, every play id seen (to check none twice, none left out). */
    private record Read(long plays, long bytes, double seconds, long[] pageMs, BitSet ids, long repeated) {
    }

    /** Page after page from {@code path} until the answer names no next page: {@code next} in JSON, the Link header in CSV. */
    private Read readAll(String path, boolean csv) throws Exception {
        List<Long> pageMs = new ArrayList<>();
        BitSet ids = new BitSet();
        long plays = 0;
        long bytes = 0;
        long repeated = 0;
        long started = System.nanoTime();
        for (String next = path; next != null; ) {
            Timed page = get(next);
            pageMs.add(page.millis());
            bytes += page.body().length;
            long[] pageIds = csv ? csvIds(page.body()) : jsonIds(page.body());
            for (long id : pageIds) {
                repeated += ids.get((int) id) ? 1 : 0;
                ids.set((int) id);
            }
            plays += pageIds.length;
            next = csv ? linkNext(page.link()) : jsonNext(path, page.body());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Read(plays, bytes, seconds, pageMs.stream().mapToLong(Long::longValue).toArray(), ids, repeated);
    }

    private static long[] jsonIds(byte[] body) throws IOException {
        JsonNode plays = JSON.readTree(body).get("plays");
        long[] ids = new long[plays.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = plays.get(i).get("id").asLong();
        }
        return ids;
    }

    /** The same query with {@code after} set to the page's {@code next}; null after the last page. */
    private static String jsonNext(String path, byte[] body) throws IOException {
        JsonNode next = JSON.readTree(body).get("next");
        return next == null || next.isNull() ? null : path + "&after=" + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
    }

    /** The first cell of each row after the header (an id, never quoted); rows end in CRLF and no cell here holds one. */
    private static long[] csvIds(byte[] body) {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\r\n");
        long[] ids = new long[lines.length - 1];
        for (int i = 1; i < lines.length; i++) {
            ids[i - 1] = Long.parseLong(lines[i].substring(0, lines[i].indexOf(',')));
        }
        return ids;
    }

    /** The server writes the next page as the request's own URI with {@code after} replaced: a path, resolved on the base. */
    private String linkNext(String link) {
        if (link == null) {
            return null;
        }
        Matcher m = NEXT_LINK.matcher(link);
        if (!m.find()) {
            throw new IllegalStateException("a Link header without rel=\"next\": " + link);
        }
        URI next = URI.create(base).resolve(m.group(1));
        return next.getRawPath() + "?" + next.getRawQuery();
    }

    private void print(String format, Read read, long expected) {
        long[] ms = read.pageMs();
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        int slowest = 0;
        for (int i = 1; i < ms.length; i++) {
            slowest = ms[i] > ms[slowest] ? i : slowest;
        }
        System.out.printf(Locale.ROOT, "%s: %,d plays in %d pages, %,d MB, %.1f s: %,.0f plays/s%n", format, read.plays(), ms.length,
                read.bytes() >> 20, read.seconds(), read.plays() / read.seconds());
        System.out.printf(Locale.ROOT, "  page ms: median %d, slowest %d (page %d), first %d, page %d: %s, last (page %d) %d%n", sorted[ms.length / 2],
                ms[slowest], slowest + 1, ms[0], deepPage, ms.length >= deepPage ? String.valueOf(ms[deepPage - 1]) : "-", ms.length, ms[ms.length - 1]);
        System.out.printf(Locale.ROOT, "  median of pages 1–10 %d ms, of the last 10 (full) pages %d ms%n", median(ms, 0, Math.min(10, ms.length)),
                median(ms, Math.max(0, ms.length - 11), ms.length - 1));
        System.out.printf(Locale.ROOT, "  every play of the year once: %s (%,d in the database, %,d distinct read, %,d read twice)%n",
                read.ids().cardinality() == expected && read.repeated() == 0 && read.plays() == expected ? "yes" : "NO", expected,
                read.ids().cardinality(), read.repeated());
    }

    /** The median of {@code ms[from, to)}. */
    private static long median(long[] ms, int from, int to) {
        if (to <= from) {
            return -1;
        }
        long[] part = Arrays.copyOfRange(ms, from, to);
        Arrays.sort(part);
        return part[part.length / 2];
    }

    private record Timed(long millis, byte[] body, String link) {
    }

    private Timed get(String path) throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return new Timed(millis, response.body(), response.headers().firstValue("Link").orElse(null));
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
