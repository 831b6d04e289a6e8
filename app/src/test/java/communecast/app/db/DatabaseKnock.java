package communecast.app.db;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A second process that tries a database as an outsider would: prints OK, DENIED (the server refused the
 * account) or UNREACHABLE (nothing listens there), then the driver's message.
 */
public final class DatabaseKnock {
    private DatabaseKnock() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String user = args[1];
        String password = args.length > 2 ? args[2] : "";
        try (Connection ignored = DriverManager.getConnection(url + "?connectTimeout=3000", user, password)) {
            System.out.println("OK");
        } catch (SQLException e) {
            System.out.println((e.getErrorCode() == 1045 ? "DENIED " : refused(e) ? "UNREACHABLE " : "OTHER ") + e.getMessage());
        }
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || String.valueOf(t.getMessage()).contains("Connection refused")) {
                return true;
            }
        }
        return false;
    }
}
