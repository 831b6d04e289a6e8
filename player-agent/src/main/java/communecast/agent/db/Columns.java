package communecast.agent.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * How values SQLite has no type for are kept. Times are ISO-8601 text: an order's offset goes back on the
 * wire as the server sent it, and a file time keeps its nanoseconds, since the cache compares it exactly.
 */
public final class Columns {

    private Columns() {
    }

    public static String text(OffsetDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    public static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public static OffsetDateTime offsetDateTime(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : OffsetDateTime.parse(text);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : Instant.parse(text);
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
