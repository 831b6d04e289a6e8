package communecast.app.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * broadcast_log rows written as multi-row INSERTs of {@code size} rows each, far faster than a statement a row: the
 * benchmarks append each row's {@code (…)} to {@link #next()}.
 */
final class LogInserts implements AutoCloseable {
    private static final String HEAD = "INSERT INTO broadcast_log (campaign_id, item_id, device_id, media_id, scheduled_at, "
            + "started_at, ended_at, status, reason, created_at, updated_at) VALUES ";

    private final Statement statement;
    private final int size;
    private final StringBuilder sql = new StringBuilder();
    private int batched;
    private long written;

    LogInserts(Connection db, int size) throws SQLException {
        this.statement = db.createStatement();
        this.size = size;
    }

    /** Where the next row's values go. */
    StringBuilder next() throws SQLException {
        if (batched == size) {
            flush();
        }
        return sql.append(batched++ == 0 ? HEAD : ",");
    }

    /** The rows not written yet written; how many rows this wrote in all. */
    long finish() throws SQLException {
        if (batched > 0) {
            flush();
        }
        return written;
    }

    private void flush() throws SQLException {
        statement.execute(sql.toString());
        written += batched;
        sql.setLength(0);
        batched = 0;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
