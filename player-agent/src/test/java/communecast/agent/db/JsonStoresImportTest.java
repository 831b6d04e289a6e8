package communecast.agent.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.agent.orders.Order;
import communecast.agent.orders.OrderStore;
import communecast.agent.outbox.Outbox;
import communecast.agent.outbox.PlayStatus;
import communecast.agent.outbox.Report;
import communecast.agent.player.PlayJournal;
import communecast.media.MediaKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory as the agent before agent.db left it: one JSON file per record, as it wrote them. */
class JsonStoresImportTest {

    private static final String SHA = "9f2b5c0e4d0a7c1f8e3b6a2d5c4e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e";

    @TempDir
    Path dir;

    private final OpenedDatabases databases = new OpenedDatabases();
    private final Clock clock = Clock.systemUTC();

    @AfterEach
    void close() {
        databases.close();
    }

    @Test
    void everythingTheJsonStoresHeldIsThereAfterTheUpgrade() throws IOException {
        write("orders/11.json", """
                {"orderId":11,"campaignId":5,"mediaId":7,"mediaSha256":"%s","mediaUrl":"/agent/media/7",\
                "mediaKind":"AUDIO","durationMs":2000,"startAt":"2026-11-22T06:30:00+07:00","level":"NORMAL"}"""
                .formatted(SHA));
        write("orders/12.json", """
                {"orderId":12,"campaignId":null,"mediaId":8,"mediaSha256":"%s","mediaUrl":"/agent/media/8",\
                "mediaKind":"VIDEO","durationMs":15000,"startAt":"2026-11-22T07:00:00.5+07:00","level":null}"""
                .formatted(SHA));
        // Named by sequence number: that, not the order id, is the order they go out in.
        write("outbox/000000000002.json", report(9, "PLAYING", "\"2026-11-22T06:30:00.004+07:00\"", "null", null));
        write("outbox/000000000003.json", report(4, "MISSED", "null", "null", "agent was not running at air time"));
        write("outbox/000000000010.json", report(9, "PLAYED", "\"2026-11-22T06:30:00.004+07:00\"",
                "\"2026-11-22T06:31:30.01+07:00\"", null));
        write("plays/9.json", report(9, "PLAYED", "\"2026-11-22T06:30:00.004+07:00\"",
                "\"2026-11-22T06:31:30.01+07:00\"", null));
        write("cache/index/" + SHA + ".json", """
                {"size":1234,"modified":"2026-11-20T01:02:03.123456789Z","lastUsed":"2026-11-21T08:00:00Z"}""");

        AgentDatabase database = databases.open(dir);

        assertEquals(List.of(
                new Order(11, 5L, 7, SHA, "/agent/media/7", MediaKind.AUDIO, 2000,
                        OffsetDateTime.parse("2026-11-22T06:30:00+07:00"), "NORMAL"),
                new Order(12, null, 8, SHA, "/agent/media/8", MediaKind.VIDEO, 15000,
                        OffsetDateTime.parse("2026-11-22T07:00:00.5+07:00"), null)),
                new OrderStore(database).all());
        Outbox outbox = new Outbox(database);
        assertEquals(List.of("9:PLAYING", "4:MISSED", "9:PLAYED"), ids(outbox));
        assertEquals(OffsetDateTime.parse("2026-11-22T06:31:30.010+07:00"), outbox.pending().get(2).endedAt());
        assertEquals("agent was not running at air time", outbox.pending().get(1).reason());
        Report played = new PlayJournal(database, clock).last(9).orElseThrow();
        assertEquals(PlayStatus.PLAYED, played.status());
        assertEquals(OffsetDateTime.parse("2026-11-22T06:30:00.004+07:00"), played.startedAt());
        try (Handle handle = database.jdbi().open()) {
            assertEquals("1234 2026-11-20T01:02:03.123456789Z 2026-11-21T08:00:00Z",
                    handle.createQuery("SELECT size, modified, last_used FROM cache_entry WHERE sha256 = :sha")
                            .bind("sha", SHA)
                            .map((rs, ctx) -> rs.getLong("size") + " " + rs.getString("modified") + " "
                                    + rs.getString("last_used"))
                            .one(),
                    "the file time to the nanosecond, as the cache compares it");
        }

        outbox.add(Report.of(11, PlayStatus.PLAYING, null, null, null));
        assertEquals(List.of("9:PLAYING", "4:MISSED", "9:PLAYED", "11:PLAYING"), ids(outbox));
    }

    @Test
    void theOldDirectoriesAreSetAsideAndNeverImportedAgain() throws IOException {
        write("outbox/000000000001.json", report(4, "MISSED", "null", "null", "agent was not running at air time"));
        write("plays/4.json", report(4, "MISSED", "null", "null", "agent was not running at air time"));
        write("orders/5.json", """
                {"orderId":5,"campaignId":5,"mediaId":7,"mediaSha256":"%s","mediaUrl":"/agent/media/7",\
                "mediaKind":"AUDIO","durationMs":2000,"startAt":"2026-11-22T06:30:00+07:00","level":"NORMAL"}"""
                .formatted(SHA));
        write("cache/index/" + SHA + ".json", """
                {"size":1234,"modified":"2026-11-20T01:02:03Z","lastUsed":"2026-11-21T08:00:00Z"}""");
        AgentDatabase database = databases.open(dir);
        new Outbox(database).acknowledge("4:MISSED");
        new OrderStore(database).remove(5);

        AgentDatabase reopened = databases.open(dir);

        assertEquals(List.of(), ids(new Outbox(reopened)));
        assertEquals(List.of(), new OrderStore(reopened).all());
        for (String old : List.of("orders", "outbox", "plays", "cache/index")) {
            assertFalse(Files.exists(dir.resolve(old)), old);
            assertTrue(Files.isDirectory(dir.resolve(old + ".imported")), old + ".imported");
        }
    }

    /** The old journal was trimmed by file age; the import keeps that age. */
    @Test
    void journalRecordsKeepTheAgeOfTheirFiles() throws IOException {
        Path old = write("plays/1.json", report(1, "PLAYED", "null", "null", null));
        Files.setLastModifiedTime(old, FileTime.from(clock.instant().minus(Duration.ofDays(40))));
        write("plays/2.json", report(2, "PLAYED", "null", "null", null));

        PlayJournal journal = new PlayJournal(databases.open(dir), clock);
        journal.forgetOlderThan(clock.instant().minus(Duration.ofDays(30)));

        assertTrue(journal.last(1).isEmpty(), "40 days old: forgotten");
        assertTrue(journal.last(2).isPresent());
    }

    @Test
    void aDamagedFileIsSkippedAndTheOthersImported() throws IOException {
        write("outbox/000000000001.json", "{\"reportId\":\"3:PLA");
        write("outbox/000000000002.json", report(4, "MISSED", "null", "null", "agent was not running at air time"));
        write("orders/6.json", "{\"orderId\":6}");

        AgentDatabase database = databases.open(dir);

        assertEquals(List.of("4:MISSED"), ids(new Outbox(database)));
        assertEquals(List.of(), new OrderStore(database).all(), "an order without its media and time is no order");
        assertTrue(Files.exists(dir.resolve("outbox.imported/000000000001.json")), "kept for whoever looks");
    }

    @Test
    void aNewAgentStartsEmpty() {
        AgentDatabase database = databases.open(dir);

        assertEquals(List.of(), ids(new Outbox(database)));
        assertEquals(List.of(), new OrderStore(database).all());
        assertFalse(Files.exists(dir.resolve("orders.imported")));
    }

    private static String report(long orderId, String status, String startedAt, String endedAt, String reason) {
        return """
                {"reportId":"%d:%s","orderId":%d,"status":"%s","startedAt":%s,"endedAt":%s,"reason":%s}"""
                .formatted(orderId, status, orderId, status, startedAt, endedAt,
                        reason == null ? "null" : "\"" + reason + "\"");
    }

    private static List<String> ids(Outbox outbox) {
        return outbox.pending().stream().map(Report::reportId).toList();
    }

    private Path write(String name, String json) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, json);
    }
}
