package communecast.app.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants live in DATETIME(3) columns as UTC wall time, whatever the JVM's or the server's zone: JDBC's
 * Timestamp would silently use the JVM default zone on both sides.
 */
final class InstantMapping {
    private InstantMapping() {
    }

    static void register(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) ->
                        statement.setObject(position, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> Rows.instant(rs, column));
    }
}
