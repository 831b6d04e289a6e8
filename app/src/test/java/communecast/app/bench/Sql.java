package communecast.app.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The benchmarks' plain JDBC: a statement run, a row inserted for its key, an area, one value read. */
final class Sql {
    private Sql() {
    }

    static void exec(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    static long insert(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql, Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static long longValue(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** An area row with its path (the parent's path and its own id), as the server's migrations keep it; its id. */
    static long area(Connection db, String name, String code, String kind, Long parent, String parentPath) throws SQLException {
        long id = insert(db, "INSERT INTO area (name, code, kind, parent_id, path, created_at) VALUES ('" + name + "', '" + code
                + "', '" + kind + "', " + parent + ", '', NOW(3))");
        exec(db, "UPDATE area SET path = '" + parentPath + id + "/' WHERE id = " + id);
        return id;
    }

    static String string(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The machine a bench ran on, for its results: CPUs, memory, JDK and the MariaDB it wrote to. */
    static void printMachine(Connection root) throws java.io.IOException, SQLException {
        String cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("?");
        String mem = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo")).getFirst().replaceAll("\\s+", " ");
        System.out.printf("machine: %d CPUs (%s), %s; JDK %s; MariaDB %s, innodb_flush_method %s%n",
                Runtime.getRuntime().availableProcessors(), cpu, mem, Runtime.version(),
                string(root, "SELECT @@version"), string(root, "SELECT @@innodb_flush_method"));
    }

}
