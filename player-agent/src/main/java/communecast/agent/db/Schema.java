package communecast.agent.db;

import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The tables, versioned by SQLite's {@code PRAGMA user_version}: each step brings the schema one version
 * up, in the same transaction as the new version number, so a cut start leaves the old version whole.
 * Steps are never edited once released; a change is a new step at the end.
 */
final class Schema {

    private interface Step {
        void apply(Handle handle, Path dataDir);
    }

    private static final List<Step> STEPS = List.of(
            Schema::version1,
            Schema::version2);

    private Schema() {
    }

    static void upgrade(Jdbi jdbi, Path dataDir) {
        jdbi.useTransaction(handle -> {
            int version = handle.createQuery("PRAGMA user_version").mapTo(Integer.class).one();
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
}
