package communecast.agent.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.SqlStatements;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * {@code agent.db} in the data directory: the agent's durable state (held orders, outbox, play journal,
 * media cache index) in one SQLite file, so a power cut leaves every store as of one committed moment.
 */
public final class AgentDatabase implements AutoCloseable {

    public static final String FILE_NAME = "agent.db";
    /** The player, the link and the downloads write from their own threads: they wait their turn, not fail. */
    private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The player, the link, the downloads and the heartbeat each hold a connection briefly; writers queue on
     * SQLite's write lock (BEGIN IMMEDIATE, busy timeout) whatever the pool size.
     */
    private static final int MAX_CONNECTIONS = 4;
    /** Statements are parsed once per process: --simulate runs thousands of stores with the same SQL. */
    private static final SqlParser SQL_PARSER = new ColonPrefixSqlParser();
    /** The pools' upkeep (idle connections retired) on one thread per process, not one per store. */
    private static final ScheduledExecutorService UPKEEP = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "agent-db-upkeep");
        thread.setDaemon(true);
        return thread;
    });
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private AgentDatabase(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        jdbi.getConfig(SqlStatements.class).setSqlParser(SQL_PARSER);
    }

    /** How a commit reaches the disk. */
    public enum Durability {
        /** A field agent: every commit survives a power cut (see {@link #config}). */
        POWER_LOSS_SAFE,
        /**
         * One of thousands of virtual agents sharing one machine's disk (--simulate): their fsyncs, one
         * after another, would measure that disk instead of the server under test. A crash of the process
         * still loses nothing; a power cut may lose the last commits.
         */
        PROCESS_CRASH_SAFE
    }

    /** Opens (or creates) the database, brings its schema up to date and imports the old JSON stores once. */
    public static AgentDatabase open(Path dataDir) {
        return open(dataDir, Durability.POWER_LOSS_SAFE);
    }

    public static AgentDatabase open(Path dataDir, Durability durability) {
        SQLiteDataSource source = new SQLiteDataSource(config(durability));
        source.setUrl("jdbc:sqlite:" + createDirectories(dataDir).resolve(FILE_NAME));
        AgentDatabase database = new AgentDatabase(pool(source));
        try {
            Schema.upgrade(database.jdbi, dataDir);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        JsonStoresImport.setAside(dataDir);
        return database;
    }

    /**
     * One connection stays open for the agent's life: the last connection to close checkpoints the WAL into
     * the database file and deletes it, an extra fsync and file creation with every write if that were each use.
     */
    private static HikariDataSource pool(SQLiteDataSource source) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("agent-db-" + POOLS.incrementAndGet());
        config.setDataSource(source);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setIdleTimeout(Duration.ofMinutes(1).toMillis());
        config.setMaxLifetime(0);
        config.setConnectionTimeout(BUSY_TIMEOUT.toMillis());
        config.setScheduledExecutor(UPKEEP);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open " + source.getUrl() + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteConfig config(Durability durability) {
        SQLiteConfig config = new SQLiteConfig();
        // WAL: a commit is one append to the log, readers never wait for writers, and a commit cut short by
        // a power loss is ignored at the next open.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL, not NORMAL: with NORMAL a power loss may undo the last commits (the database stays
        // consistent, but they are gone): a lost PLAYED gets the play reported as cut, a lost PLAYING lets an
        // order still within its time air twice. An fsync per commit costs nothing at a few writes a minute.
        config.setSynchronous(durability == Durability.POWER_LOSS_SAFE
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        // A transaction takes the write lock at BEGIN: one that read first and wrote later could otherwise
        // fail at once with SQLITE_BUSY (its snapshot is stale), which the busy timeout does not wait out.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Runs {@code work} in one transaction: the stores it calls on this thread join it (Jdbi hands nested
     * calls the same handle), so all of it is committed, or none of it.
     */
    public void inTransaction(Runnable work) {
        jdbi.useTransaction(handle -> work.run());
    }

    /** Closes every connection, the last of them checkpointing the WAL into the database file. */
    @Override
    public void close() {
        pool.close();
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
