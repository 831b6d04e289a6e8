package communecast.app.campaign;

import io.micronaut.serde.annotation.Serdeable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.time.Instant;

/** One change to a campaign: what, by whom, when. */
@Serdeable
public record HistoryEntry(String action, @ColumnName("user_id") long userId, String username, Instant at) {
}
