package communecast.agent.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables, versioned by SQLite's {@code PRAGMA user_version}: each step brings the schema one version
 * up, in the same transaction as the new version number, so a cut start leaves the old version whole.
 * Steps are never edited once released; a change is a new step at the end.
 */
final class Schema {

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    private interface Step {
        void apply(Handle handle, Path dataDir);
    }

    private static final List<Step> STEPS = List.of(
            Schema::version1,
            Schema::version2,
            Schema::version3,
            Schema::version4);

    private Schema() {
    }

    /** The version this agent brings every database to. */
    static int current() {
        return STEPS.size();
    }

    static void upgrade(Jdbi jdbi, Path dataDir) {
        int found = jdbi.withHandle(Schema::version);
        if (found > 0 && found < STEPS.size()) {
            keepCopy(jdbi, dataDir, found);
        }
        jdbi.useTransaction(handle -> {
            int version = version(handle);
            if (version > STEPS.size()) {
                // Written by a newer agent: this one cannot know what its tables mean.
                throw new IllegalStateException(AgentDatabase.FILE_NAME + " has schema version " + version
                        + ", newer than this agent's " + STEPS.size() + ": run the newer agent again");
            }
            for (int next = version; next < STEPS.size(); next++) {
                STEPS.get(next).apply(handle, dataDir);
            }
            // PRAGMA takes no bound parameters; the number is ours.
            handle.execute("PRAGMA user_version = " + STEPS.size());
        });
    }

    /** Where the database of {@code version} is copied before it is brought up: {@code agent.db.v2.bak}. */
    static Path copyBeforeUpgrade(Path dataDir, int version) {
        return dataDir.resolve(AgentDatabase.FILE_NAME + ".v" + version + ".bak");
    }

    private static int version(Handle handle) {
        return handle.createQuery("PRAGMA user_version").mapTo(Integer.class).one();
    }

    /**
     * A step that turns out wrong in the field must not cost a device its held orders and unsent reports: the
     * old version stays beside the new, whole (VACUUM INTO writes one consistent file, outside a transaction)
     * and on the disk before the upgrade commits (SQLite does not sync what VACUUM INTO writes). A copy that
     * cannot be made (a full disk) is worth a warning, not a silent loudspeaker: each step is a transaction.
     */
    private static void keepCopy(Jdbi jdbi, Path dataDir, int version) {
        Path copy = copyBeforeUpgrade(dataDir, version);
        try {
            Files.deleteIfExists(copy); // of an earlier try at the same upgrade, which did not commit
            jdbi.useHandle(handle -> handle.execute("VACUUM INTO '" + copy.toString().replace("'", "''") + "'"));
            sync(copy);
            sync(dataDir);
            LOG.info("kept a copy of {} (schema version {}) as {} before bringing it to version {}",
                    AgentDatabase.FILE_NAME, version, copy.getFileName(), STEPS.size());
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not keep a copy of {} (schema version {}) before bringing it to version {}: {}",
                    AgentDatabase.FILE_NAME, version, STEPS.size(), e.getMessage());
        }
    }

    /** fsync of a file, or of a directory so a new name in it survives a power cut (where the system allows it). */
    private static void sync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(path)) {
                throw e;
            }
            // Windows opens no directory for sync; its file system journals the name itself.
        }
    }

    /** The four stores that were directories of JSON files, and what those files held. */
    private static void version1(Handle handle, Path dataDir) {
        handle.execute("""
                CREATE TABLE held_order (
                    order_id     INTEGER PRIMARY KEY,
                    campaign_id  INTEGER,
                    media_id     INTEGER NOT NULL,
                    media_sha256 TEXT NOT NULL,
                    media_url    TEXT NOT NULL,
                    media_kind   TEXT,
                    duration_ms  INTEGER NOT NULL,
                    start_at     TEXT NOT NULL,
                    level        TEXT)""");
        // seq is the rowid: a new row gets one above the highest, so reports go out in the order made.
        handle.execute("""
                CREATE TABLE outbox (
                    seq        INTEGER PRIMARY KEY,
                    report_id  TEXT NOT NULL UNIQUE,
                    order_id   INTEGER NOT NULL,
                    status     TEXT NOT NULL,
                    started_at TEXT,
                    ended_at   TEXT,
                    reason     TEXT)""");
        handle.execute("""
                CREATE TABLE play_journal (
                    order_id    INTEGER PRIMARY KEY,
                    status      TEXT NOT NULL,
                    started_at  TEXT,
                    ended_at    TEXT,
                    reason      TEXT,
                    recorded_at INTEGER NOT NULL)""");
        handle.execute("CREATE INDEX play_journal_recorded_at ON play_journal (recorded_at)");
        handle.execute("""
                CREATE TABLE cache_entry (
                    sha256    TEXT PRIMARY KEY,
                    size      INTEGER NOT NULL,
                    modified  TEXT NOT NULL,
                    last_used TEXT NOT NULL)""");
        JsonStoresImport.importInto(handle, dataDir);
    }

    /** An order's window to begin late in (an emergency's), from protocol v1 servers that send one. */
    private static void version2(Handle handle, Path dataDir) {
        handle.execute("ALTER TABLE held_order ADD COLUMN play_until TEXT");
    }

    /** The offset to the server's clock, so a restart without a link still plays on the server's time. */
    private static void version3(Handle handle, Path dataDir) {
        handle.execute("""
                CREATE TABLE server_clock (
                    id          INTEGER PRIMARY KEY CHECK (id = 1),
                    offset_ms   INTEGER NOT NULL,
                    measured_at TEXT NOT NULL)""");
    }

    /** A relay's fallback recording, from servers that send one (protocol v1, an added field). */
    private static void version4(Handle handle, Path dataDir) {
        handle.execute("ALTER TABLE held_order ADD COLUMN fallback_media_id INTEGER");
        handle.execute("ALTER TABLE held_order ADD COLUMN fallback_sha256 TEXT");
        handle.execute("ALTER TABLE held_order ADD COLUMN fallback_url TEXT");
        handle.execute("ALTER TABLE held_order ADD COLUMN fallback_duration_ms INTEGER");
    }
}
