package communecast.app.media;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/** A file made from an upload for one kind of device; what an agent downloads and plays. */
@Serdeable
public record Rendition(
        long id,
        @ColumnName("media_id") long mediaId,
        RenditionKind kind,
        @ColumnName("screen_width") int screenWidth,
        @ColumnName("screen_height") int screenHeight,
        MediaStatus status,
        @Nullable String sha256,
        @Nullable @ColumnName("size_bytes") Long sizeBytes,
        @Nullable @ColumnName("duration_ms") Long durationMs,
        @Nullable String error) {

    public boolean ready() {
        return status == MediaStatus.READY;
    }
}
