package communecast.app.playlog;

import communecast.app.Api;
import communecast.app.TestServer;
import communecast.media.testing.TestMedia;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily roll-up (broadcast_day) always says what the broadcast logs say, through every way a log reaches
 * or leaves a final status: reports, the MISSED sweep (in chunks), a late report overturning MISSED, plays
 * withdrawn and reinstated, an edit's replan. And V14's backfill of logs kept before it counts them the same.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DailyRollupTest implements TestPropertyProvider {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    PlayLog playLog;

    @Inject
    Jdbi jdbi;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestServer.properties());
        // The test sweeps itself, when it means to.
        p.put("communecast.playlog.missed-grace", "3650d");
        return p;
    }

    @Test
    void theRollupAgreesWithTheLogsThroughEveryChange() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Lai Châu", "code", "LC", "kind", "PROVINCE")).id();
        List<Long> devices = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            devices.add(admin.post("/api/devices", Map.of("name", "Loa " + i, "areaId", province, "kind", "RADIO")).id());
        }
        long media = admin.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("rollup").resolve("b.wav"), Duration.ofSeconds(1), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        long first = campaign(admin, devices, media);
        long second = campaign(admin, devices, media);
        long item = ((Number) ((Map<?, ?>) ((List<?>) admin.get("/api/campaigns/" + first).body().get("items")).getFirst()).get("id")).longValue();

        // 2,400 plays a day apart from 20 days ago, across local midnight: most of them overdue, a few ahead.
        Instant start = LocalDateTime.of(LocalDate.now(ZONE).minusDays(20), LocalTime.of(23, 50)).atZone(ZONE).toInstant();
        List<PlannedPlay> plays = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            for (long device : devices) {
                plays.add(new PlannedPlay(i % 2 == 0 ? first : second, item, device, media, start.plus(37L * i, ChronoUnit.MINUTES), null));
            }
        }
        playLog.plan(first, plays, start, start);
        List<BroadcastLog> logs = jdbi.withHandle(h -> h.attach(BroadcastLogRepository.class).ofCampaign(first));
        for (int i = 0; i < logs.size(); i += 3) {
            BroadcastLog log = logs.get(i);
            report(log, LogStatus.PLAYING, log.scheduledAt(), null);
            report(log, i % 2 == 0 ? LogStatus.PLAYED : LogStatus.PREEMPTED, log.scheduledAt(), log.scheduledAt().plusMillis(61_234));
        }
        report(logs.get(1), LogStatus.FAILED, null, null);
        assertRollupAgrees();

        int swept = playLog.sweepMissed(Duration.ofSeconds(2));
        assertTrue(swept > PlayLog.SWEEP_CHUNK, "in more than one chunk: " + swept);
        assertRollupAgrees();

        BroadcastLog missed = jdbi.withHandle(h -> h.attach(BroadcastLogRepository.class).ofCampaign(second)).stream()
                .filter(l -> l.status() == LogStatus.MISSED).findFirst().orElseThrow();
        report(missed, LogStatus.PLAYED, missed.scheduledAt(), missed.scheduledAt().plusSeconds(30));
        BroadcastLog another = jdbi.withHandle(h -> h.attach(BroadcastLogRepository.class).ofCampaign(second)).stream()
                .filter(l -> l.status() == LogStatus.MISSED).findFirst().orElseThrow();
        report(another, LogStatus.PLAYING, another.scheduledAt(), null);
        assertRollupAgrees();

        assertTrue(!playLog.pauseFuture(second, "paused").isEmpty(), "plays ahead are withdrawn");
        assertRollupAgrees();
        // A device retired during the pause gets none of them back.
        playLog.cancelFutureOfDevice(devices.getFirst(), "device retired");
        List<BroadcastLog> back = playLog.reinstate(second);
        assertTrue(!back.isEmpty(), "and come back");
        assertTrue(back.stream().noneMatch(l -> l.deviceId() == devices.getFirst()), "but not to the retired device");
        assertRollupAgrees();
        playLog.pauseFuture(second, "paused");
        playLog.unpause(second, "campaign cancelled");
        assertRollupAgrees();
        assertEquals(List.of(), playLog.reinstate(second), "plays no longer paused stay withdrawn");

        PlayLog.Replan replan = playLog.replan(first, List.of(), false, "replaced by revision 2");
        assertTrue(!replan.dropped().isEmpty());
        assertRollupAgrees();

        assertEquals(rollup(), backfilled(), "V14's backfill counts the logs as the live roll-up does");
    }

    private long campaign(Api admin, List<Long> devices, long media) {
        LocalDate today = LocalDate.now(ZONE);
        return admin.post("/api/campaigns", Map.of("title", "Tuyên truyền", "level", "NORMAL",
                "startDate", today.minusDays(20).toString(), "endDate", today.plusDays(30).toString(),
                "targets", Map.of("deviceIds", devices),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "DAILY", "times", List.of("06:30")))))).id();
    }

    private void report(BroadcastLog log, LogStatus status, Instant startedAt, Instant endedAt) {
        assertTrue(playLog.report(log.deviceId(), new PlayReport(log.id(), status, startedAt, endedAt, "test")).accepted());
    }

    private void assertRollupAgrees() {
        assertEquals(fromLogs(), rollup());
    }

    /** What the roll-up should hold, counted from the logs themselves, days in the configured zone. */
    private Map<String, List<Long>> fromLogs() {
        Map<String, List<Long>> expected = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT campaign_id, device_id, scheduled_at, status, started_at, ended_at FROM broadcast_log")
                .map((rs, ctx) -> new Row(rs.getLong("campaign_id"), rs.getLong("device_id"), rs.getObject("scheduled_at", LocalDateTime.class),
                        LogStatus.valueOf(rs.getString("status")), rs.getObject("started_at", LocalDateTime.class),
                        rs.getObject("ended_at", LocalDateTime.class)))
                .forEach(row -> {
                    if (row.status().isFinal()) {
                        expected.merge(row.key(), List.of(1L, row.airtimeMs()), (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
                    }
                }));
        return expected;
    }

    private Map<String, List<Long>> rollup() {
        Map<String, List<Long>> rows = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT campaign_id, device_id, day, status, plays, airtime_ms FROM broadcast_day WHERE plays <> 0 OR airtime_ms <> 0")
                .map((rs, ctx) -> Map.entry(rs.getLong("campaign_id") + "/" + rs.getLong("device_id") + "/" + rs.getObject("day", LocalDate.class)
                        + "/" + rs.getString("status"), List.of(rs.getLong("plays"), rs.getLong("airtime_ms"))))
                .forEach(e -> rows.put(e.getKey(), e.getValue())));
        return rows;
    }

    /** A broadcast log as stored: instants as UTC wall time. */
    private record Row(long campaignId, long deviceId, LocalDateTime scheduledAt, LogStatus status, LocalDateTime startedAt,
                       LocalDateTime endedAt) {
        String key() {
            LocalDate day = scheduledAt.atZone(ZoneOffset.UTC).withZoneSameInstant(ZONE).toLocalDate();
            return campaignId + "/" + deviceId + "/" + day + "/" + status;
        }

        long airtimeMs() {
            return startedAt == null || endedAt == null ? 0 : Duration.between(startedAt, endedAt).toMillis();
        }
    }

    /** The roll-up made again by V14's backfill, as at an upgrade (a stray row first: the backfill starts from empty). */
    private Map<String, List<Long>> backfilled() throws IOException {
        String migration;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("db/migration/V14__report_rollup.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // The block between DELIMITER lines, as one statement (JDBC needs no delimiter).
        String backfill = migration.substring(migration.indexOf("BEGIN NOT ATOMIC"), migration.indexOf("END//") + "END".length())
                .replace("${utc_offset_seconds}", String.valueOf(ZONE.getRules().getOffset(Instant.now()).getTotalSeconds()));
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO broadcast_day VALUES (1, 1, '2000-01-01', 'PLAYED', 5, 5)");
            h.execute(backfill);
        });
        return rollup();
    }
}
