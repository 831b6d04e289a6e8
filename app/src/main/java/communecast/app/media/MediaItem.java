package communecast.app.media;

import communecast.media.MediaKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.time.Instant;

/** An uploaded file as staff see it; the bytes live in the {@link MediaStore} under its sha256. */
@Serdeable
public record MediaItem(
        long id,
        String title,
        MediaStatus status,
        @Nullable MediaKind kind,
        @Nullable @ColumnName("duration_ms") Long durationMs,
        String sha256,
        @ColumnName("size_bytes") long sizeBytes,
        @Nullable String container,
        @Nullable String error,
        @Nullable @ColumnName("area_id") Long areaId,
        @ColumnName("created_at") Instant createdAt) {
}
