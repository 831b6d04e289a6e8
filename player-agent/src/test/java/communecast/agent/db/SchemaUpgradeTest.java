package communecast.agent.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.agent.link.ClockOffsetStore;
import communecast.agent.orders.Order;
import communecast.agent.orders.OrderStore;
import communecast.agent.outbox.Outbox;
import communecast.agent.outbox.Report;
import communecast.agent.player.PlayJournal;
import communecast.media.MediaKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A device runs last year's agent for months: the agent.db each released schema version wrote (saved in
 * src/test/resources/agent-db, made by that release; README.md there) opens in this one with all it held,
 * and the old file is kept beside it first.
 */
class SchemaUpgradeTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    @TempDir
    Path dir;

    private final OpenedDatabases databases = new OpenedDatabases();

    @AfterEach
    void close() {
        databases.close();
    }

    static IntStream releasedVersions() {
        return IntStream.range(1, Schema.current());
    }

    @Test
    void everyEarlierVersionHasASavedDatabase() {
        releasedVersions().forEach(version -> assertNotNull(fixture(version),
                "agent-db/v" + version + "/agent.db: save the database of the released version before adding a step"));
    }

    @ParameterizedTest(name = "schema version {0}")
    @MethodSource("releasedVersions")
    void aDatabaseOfAnEarlierReleaseOpensWithAllItHeld(int version) throws IOException {
        try (InputStream saved = fixture(version)) {
            Files.copy(saved, Files.createDirectories(dir).resolve(AgentDatabase.FILE_NAME));
        }

        AgentDatabase database = databases.open(dir);

        assertEquals(Schema.current(), userVersion(database.jdbi()));
        assertEquals(List.of(
                        new Order(41, 5L, 7, SHA_A, "/agent/media/7", MediaKind.AUDIO, 60000,
                                OffsetDateTime.parse("2026-03-15T06:30:00+07:00"), "NORMAL"),
                        new Order(42, null, 8, SHA_B, "/agent/media/8", MediaKind.VIDEO, 45000,
                                OffsetDateTime.parse("2026-03-15T07:00:00+07:00"), "EMERGENCY",
                                version >= 2 ? OffsetDateTime.parse("2026-03-15T07:15:00+07:00") : null)),
                new OrderStore(database).all());
        assertEquals(List.of("40:PLAYING", "40:PLAYED"), new Outbox(database).pending().stream().map(Report::reportId).toList(),
                "the reports not yet acknowledged, in the order made");
        assertEquals(OffsetDateTime.parse("2026-03-14T17:01:00.250+07:00"),
                new PlayJournal(database, Clock.systemUTC()).last(40).orElseThrow().endedAt());
        assertEquals("960044 2026-03-14T09:12:03.123456789Z", database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT size || ' ' || modified FROM cache_entry WHERE sha256 = :sha").bind("sha", SHA_A).mapTo(String.class).one()),
                "the media cache's index");
        assertTrue(new ClockOffsetStore(database).kept().isEmpty(), "no offset measured yet");
    }

    @ParameterizedTest(name = "schema version {0}")
    @MethodSource("releasedVersions")
    void theOldFileIsKeptWholeBeforeTheUpgrade(int version) throws IOException {
        try (InputStream saved = fixture(version)) {
            Files.copy(saved, Files.createDirectories(dir).resolve(AgentDatabase.FILE_NAME));
        }

        AgentDatabase.open(dir).close();

        Path copy = Schema.copyBeforeUpgrade(dir, version);
        Jdbi old = Jdbi.create("jdbc:sqlite:" + copy);
        assertEquals(version, userVersion(old));
        int held = old.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM held_order").mapTo(Integer.class).one());
        assertEquals(2, held);
    }

    @Test
    void aCurrentDatabaseIsNotCopiedAgain() {
        AgentDatabase.open(dir).close();
        AgentDatabase.open(dir).close();

        releasedVersions().forEach(version -> assertTrue(Files.notExists(Schema.copyBeforeUpgrade(dir, version))));
    }

    private static InputStream fixture(int version) {
        return SchemaUpgradeTest.class.getResourceAsStream("/agent-db/v" + version + "/agent.db");
    }

    private static int userVersion(Jdbi jdbi) {
        try (Handle handle = jdbi.open()) {
            return handle.createQuery("PRAGMA user_version").mapTo(Integer.class).one();
        }
    }
}
