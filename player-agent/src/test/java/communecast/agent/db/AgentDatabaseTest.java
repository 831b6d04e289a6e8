package communecast.agent.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.agent.TestOrders;
import communecast.agent.orders.Order;
import communecast.agent.orders.OrderStore;
import communecast.agent.outbox.Outbox;
import communecast.agent.outbox.PlayStatus;
import communecast.agent.outbox.Report;
import communecast.media.MediaKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentDatabaseTest {

    @TempDir
    Path dir;

    private final OpenedDatabases databases = new OpenedDatabases();
    private final Instant later = Instant.now().plusSeconds(3600);

    @AfterEach
    void close() {
        databases.close();
    }

    @Test
    void opensInWalModeWithFullSyncAndABusyTimeout() {
        try (Handle handle = databases.open(dir).jdbi().open()) {
            assertEquals("wal", pragma(handle, "journal_mode"));
            assertEquals("2", pragma(handle, "synchronous"), "2 is FULL");
            assertEquals("10000", pragma(handle, "busy_timeout"));
        }
    }

    @Test
    void aVirtualAgentSkipsTheFsyncPerCommitButKeepsTheWal() {
        try (AgentDatabase database = AgentDatabase.open(dir, AgentDatabase.Durability.PROCESS_CRASH_SAFE);
             Handle handle = database.jdbi().open()) {
            assertEquals("wal", pragma(handle, "journal_mode"));
            assertEquals("1", pragma(handle, "synchronous"), "1 is NORMAL");
        }
    }

    @Test
    void theSchemaIsMadeOnceAndItsVersionKept() {
        Order normal = TestOrders.audio(1, later);
        Order emergency = new Order(2, 9L, 8, TestOrders.SOME_SHA, "/agent/media/8", MediaKind.AUDIO, 45000,
                normal.startAt(), "EMERGENCY", normal.startAt().plusMinutes(15));
        Order relay = new Order(3, 9L, 9, TestOrders.SOME_SHA, "http://radio.example.vn/live", MediaKind.STREAM, 60000,
                normal.startAt(), "NORMAL", null, new Order.Fallback(10, "c".repeat(64), "/agent/media/10", 30000));
        OrderStore store = new OrderStore(databases.open(dir));
        store.put(normal);
        store.put(emergency);
        store.put(relay);

        AgentDatabase reopened = databases.open(dir);

        assertEquals(List.of(normal, emergency, relay), new OrderStore(reopened).all(), "the window and the fallback are kept too");
        assertTrue(new OrderStore(reopened).media().contains("c".repeat(64)), "the cache keeps the fallback's file");
        try (Handle handle = reopened.jdbi().open()) {
            assertEquals("4", pragma(handle, "user_version"));
        }
    }

    @Test
    void aDatabaseOfANewerAgentIsNotTouched() {
        try (Handle handle = databases.open(dir).jdbi().open()) {
            handle.execute("PRAGMA user_version = 99");
        }

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> databases.open(dir));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    }

    /**
     * The files as a kill or a power cut leaves them: the last commits only in the WAL, never checkpointed
     * into the database file, and no orderly close. A copy of them opens with everything committed.
     */
    @Test
    void whatWasCommittedIsThereWhenTheFilesAreOpenedAsACrashLeftThem() throws IOException {
        AgentDatabase running = databases.open(dir.resolve("running"));
        OrderStore orders = new OrderStore(running);
        Outbox outbox = new Outbox(running);
        orders.put(TestOrders.audio(1, later));
        orders.put(TestOrders.audio(2, later));
        outbox.add(Report.of(7, PlayStatus.PLAYING, null, null, null));
        outbox.add(Report.of(7, PlayStatus.PLAYED, null, null, null));
        orders.remove(1);
        Path wal = dir.resolve("running").resolve(AgentDatabase.FILE_NAME + "-wal");
        assertTrue(Files.size(wal) > 0, "the commits are in the WAL");

        Path crashed = Files.createDirectories(dir.resolve("crashed"));
        for (String suffix : List.of("", "-wal")) {
            Files.copy(wal.resolveSibling(AgentDatabase.FILE_NAME + suffix),
                    crashed.resolve(AgentDatabase.FILE_NAME + suffix));
        }
        AgentDatabase restarted = databases.open(crashed);

        assertEquals(List.of(TestOrders.audio(2, later)), new OrderStore(restarted).all());
        assertEquals(List.of("7:PLAYING", "7:PLAYED"),
                new Outbox(restarted).pending().stream().map(Report::reportId).toList());
    }

    private static String pragma(Handle handle, String name) {
        return handle.createQuery("PRAGMA " + name).mapTo(String.class).one();
    }
}
