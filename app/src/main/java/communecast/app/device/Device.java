package communecast.app.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.time.Instant;

@Serdeable
public record Device(
        long id,
        String name,
        @ColumnName("area_id") long areaId,
        DeviceKind kind,
        @Nullable @ColumnName("screen_width") Integer screenWidth,
        @Nullable @ColumnName("screen_height") Integer screenHeight,
        boolean online,
        @Nullable @ColumnName("last_seen_at") Instant lastSeenAt,
        @Nullable @ColumnName("enrolled_at") Instant enrolledAt,
        @Nullable @ColumnName("agent_version") String agentVersion) {
}
