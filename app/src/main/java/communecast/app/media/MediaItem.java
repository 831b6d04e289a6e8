package communecast.app.media;

import com.fasterxml.jackson.annotation.JsonProperty;
import communecast.media.MediaKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * An uploaded file as staff see it; the bytes live in the {@link MediaStore} under its sha256. {@code text}: what a
 * bulletin made from text reads; {@code public} (shownPublicly): on the unit's website while a campaign airs it.
 */
@Serdeable
public record MediaItem(
        long id,
        String title,
        MediaStatus status,
        @Nullable MediaKind kind,
        @Nullable Long durationMs,
        String sha256,
        long sizeBytes,
        @Nullable String container,
        @Nullable String error,
        @Nullable Long areaId,
        Instant createdAt,
        int progressPercent,
        @Nullable Integer width,
        @Nullable Integer height,
        boolean hasAudio,
        int stillSeconds,
        @Nullable Double loudnessBeforeLufs,
        @Nullable Double truePeakBeforeDbtp,
        @Nullable Double loudnessAfterLufs,
        @Nullable Double truePeakAfterDbtp,
        @Nullable String posterSha256,
        @Nullable String waveformSha256,
        @Nullable Instant deletedAt,
        @Nullable String streamUrl,
        @Nullable String text,
        @JsonProperty("public") boolean shownPublicly) {

    /** Pictures (video, image) go to LED screens as a video rendition; sound goes anywhere as audio. */
    public boolean visual() {
        return kind == MediaKind.VIDEO || kind == MediaKind.IMAGE;
    }
}
