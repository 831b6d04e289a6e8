package communecast.agent.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.apache.commons.dbcp2.DataSourceConnectionFactory;
import org.apache.commons.dbcp2.PoolableConnection;
import org.apache.commons.dbcp2.PoolableConnectionFactory;
import org.apache.commons.dbcp2.PoolingDataSource;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
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

    private final PoolingDataSource<PoolableConnection> pool;
    private final Jdbi jdbi;

    private AgentDatabase(PoolingDataSource<PoolableConnection> pool) {
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
    private static PoolingDataSource<PoolableConnection> pool(SQLiteDataSource source) {
        PoolableConnectionFactory connections = new PoolableConnectionFactory(new DataSourceConnectionFactory(source), null);
        GenericObjectPoolConfig<PoolableConnection> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(MAX_CONNECTIONS);
        config.setMaxIdle(MAX_CONNECTIONS);
        config.setMinIdle(1);
        config.setMaxWait(BUSY_TIMEOUT);
        // Idle connections above the one kept are closed after a minute, checked by the pool's one timer per process.
        config.setSoftMinEvictableIdleDuration(Duration.ofMinutes(1));
        config.setMinEvictableIdleDuration(Duration.ofMillis(-1));
        config.setTimeBetweenEvictionRuns(Duration.ofMinutes(1));
        config.setJmxEnabled(false);
        GenericObjectPool<PoolableConnection> pool = new GenericObjectPool<>(connections, config);
        connections.setPool(pool);
        try {
            pool.addObject();
        } catch (Exception e) {
            pool.close();
            throw new IllegalStateException("cannot open " + source.getUrl() + ": " + e.getMessage(), e);
        }
        return new PoolingDataSource<>(pool);
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

    /** Closes the idle connections now and one in use when it is handed back; the last checkpoints the WAL. */
    @Override
    public void close() {
        try {
            pool.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close " + FILE_NAME + ": " + e.getMessage(), e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
