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
        @ColumnName("created_at") Instant createdAt,
        @ColumnName("progress_percent") int progressPercent,
        @Nullable Integer width,
        @Nullable Integer height,
        @ColumnName("has_audio") boolean hasAudio,
        @ColumnName("still_seconds") int stillSeconds,
        @Nullable @ColumnName("loudness_before_lufs") Double loudnessBeforeLufs,
        @Nullable @ColumnName("true_peak_before_dbtp") Double truePeakBeforeDbtp,
        @Nullable @ColumnName("loudness_after_lufs") Double loudnessAfterLufs,
        @Nullable @ColumnName("true_peak_after_dbtp") Double truePeakAfterDbtp,
        @Nullable @ColumnName("poster_sha256") String posterSha256,
        @Nullable @ColumnName("waveform_sha256") String waveformSha256,
        @Nullable @ColumnName("deleted_at") Instant deletedAt,
        @Nullable @ColumnName("stream_url") String streamUrl) {

    /** Pictures (video, image) go to LED screens as a video rendition; sound goes anywhere as audio. */
    public boolean visual() {
        return kind == MediaKind.VIDEO || kind == MediaKind.IMAGE;
    }
}
