package communecast.app.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Set;

/**
 * Who may enter the embedded database: the application's own account, from the loopback address, with a
 * password generated once and kept beside the database files (0600). Every other account, including the
 * root accounts the installer made and any left by a version that ran without grant tables, is removed at
 * each start by an init file the server runs before it accepts a connection.
 */
final class EmbeddedLockdown {
    static final String APP_USER = "communecast";
    private static final String PASSWORD_FILE = "app-password";
    private static final String INIT_FILE = "lockdown.sql";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    // The one row kept besides ours: MariaDB's own definer of the system views, reset to stock below.
    private static final String SYSTEM_ROW = "(User = 'mariadb.sys' AND Host = 'localhost')";
    private static final String[] GRANT_TABLES =
            {"global_priv", "db", "tables_priv", "columns_priv", "procs_priv", "proxies_priv", "roles_mapping"};

    private final Path initFile;
    private final String password;

    private EmbeddedLockdown(Path initFile, String password) {
        this.initFile = initFile;
        this.password = password;
    }

    static EmbeddedLockdown prepare(Path root, String schema) {
        try {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, OWNER_ONLY_DIR);
            String password = passwordIn(root.resolve(PASSWORD_FILE));
            Path initFile = root.resolve(INIT_FILE);
            Files.deleteIfExists(initFile);
            createOwnerOnly(initFile, initSql(schema, password));
            return new EmbeddedLockdown(initFile, password);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("Refusing to start the embedded MariaDB: could not keep its password private in "
                    + root + " (" + e.getMessage() + "); use an external database (DATASOURCES_DEFAULT_URL) on such a file system", e);
        }
    }

    /** The server's Unix socket, inside the owner-only folder; a Unix socket path has at most 107 bytes. */
    static Path socketIn(Path root) {
        Path socket = root.resolve("mysqld.sock");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > 107) {
            throw new IllegalStateException("Refusing to start the embedded MariaDB: the path of its socket, " + socket
                    + ", is longer than the 107 bytes a Unix socket may have; set COMMUNECAST_DATA_DIR to a shorter path");
        }
        return socket;
    }

    Path initFile() {
        return initFile;
    }

    String password() {
        return password;
    }

    /** The init file holds the password: it is not left lying about once the server has read it. */
    void forgetInitFile() {
        try {
            Files.deleteIfExists(initFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses a database that lets a caller in without the password or listens beyond the loopback address. */
    void verify(String url) {
        for (String user : new String[]{"root", APP_USER, ""}) {
            try (Connection ignored = DriverManager.getConnection(url, user, "")) {
                throw new IllegalStateException("Refusing to use the embedded MariaDB: user '" + user
                        + "' got in without a password");
            } catch (SQLException expected) {
                // Access denied is what a locked-down database answers.
            }
        }
        try (Connection connection = DriverManager.getConnection(url, APP_USER, password);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@bind_address")) {
            row.next();
            if (!EmbeddedMariaDb.HOST.equals(row.getString(1))) {
                throw new IllegalStateException("Refusing to use the embedded MariaDB: it listens on "
                        + row.getString(1) + " instead of " + EmbeddedMariaDb.HOST);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded MariaDB refused the application's own account: " + e.getMessage(), e);
        }
    }

    private static String passwordIn(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            createOwnerOnly(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        String password = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!password.matches("[A-Za-z0-9_-]{32,}")) {
            throw new IOException(file + " does not hold a password this server made");
        }
        return password;
    }

    // Created private, not made private after: no moment in which another user could read it.
    private static void createOwnerOnly(Path file, String text) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * One statement a line: the server reads an init file line by line. Every account is rebuilt, not kept:
     * one planted while the database was open (any host, any name, our own with extra rights) is gone.
     */
    private static String initSql(String schema, String password) {
        StringBuilder sql = new StringBuilder()
                .append("CREATE DATABASE IF NOT EXISTS `").append(schema)
                .append("` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n");
        for (String table : GRANT_TABLES) {
            sql.append("DELETE FROM mysql.").append(table).append(" WHERE NOT ").append(SYSTEM_ROW).append(";\n");
        }
        String account = "'" + APP_USER + "'@'" + EmbeddedMariaDb.HOST + "'";
        return sql.append("FLUSH PRIVILEGES;\n")
                .append("CREATE USER IF NOT EXISTS 'mariadb.sys'@'localhost' ACCOUNT LOCK PASSWORD EXPIRE;\n")
                .append("REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'mariadb.sys'@'localhost';\n")
                .append("GRANT SELECT, DELETE ON mysql.global_priv TO 'mariadb.sys'@'localhost';\n")
                .append("ALTER USER 'mariadb.sys'@'localhost' IDENTIFIED VIA mysql_native_password USING 'invalid' ACCOUNT LOCK PASSWORD EXPIRE;\n")
                .append("CREATE USER ").append(account).append(" IDENTIFIED BY '").append(password).append("';\n")
                .append("GRANT ALL PRIVILEGES ON `").append(schema).append("`.* TO ").append(account).append(";\n")
                .toString();
    }
}
