package communecast.app.media;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A file made from an upload for one kind of device; what an agent downloads and plays. */
@Serdeable
public record Rendition(
        long id,
        long mediaId,
        RenditionKind kind,
        int screenWidth,
        int screenHeight,
        RenditionStatus status,
        @Nullable String sha256,
        @Nullable Long sizeBytes,
        @Nullable Long durationMs,
        @Nullable String error) {

    public boolean ready() {
        return status == RenditionStatus.READY;
    }
}
