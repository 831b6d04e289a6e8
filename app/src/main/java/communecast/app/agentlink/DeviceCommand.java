package communecast.app.agentlink;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.time.Instant;

/** A remote command sent to an agent: SENT until the agent answers DONE or FAILED (with its message). */
@Serdeable
public record DeviceCommand(long id, @ColumnName("device_id") long deviceId, String name, @Nullable Double volume,
                            String status, @Nullable String message, @ColumnName("created_at") Instant createdAt,
                            @Nullable @ColumnName("done_at") Instant doneAt) {
}
