package communecast.app.media;

import communecast.app.area.Areas;
import communecast.app.db.Rows;
import communecast.media.MediaKind;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@RegisterRowMapper(MediaRepository.Mapper.class)
interface MediaRepository {
    String COLUMNS = """
            id, title, status, kind, duration_ms, sha256, size_bytes, container, error, area_id, created_at,
            progress_percent, width, height, has_audio, still_seconds, loudness_before_lufs, true_peak_before_dbtp,
            loudness_after_lufs, true_peak_after_dbtp, poster_sha256, waveform_sha256, deleted_at, stream_url, spoken_text, is_public""";

    /** Column by column, not by reflection (see {@link Rows}). */
    final class Mapper implements RowMapper<MediaItem> {
        @Override
        public MediaItem map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new MediaItem(rs.getLong("id"), rs.getString("title"), MediaStatus.valueOf(rs.getString("status")),
                    Rows.nullableEnum(rs, "kind", MediaKind.class), Rows.nullableLong(rs, "duration_ms"),
                    rs.getString("sha256"), rs.getLong("size_bytes"), rs.getString("container"), rs.getString("error"),
                    Rows.nullableLong(rs, "area_id"), Rows.instant(rs, "created_at"), rs.getInt("progress_percent"),
                    Rows.nullableInt(rs, "width"), Rows.nullableInt(rs, "height"), rs.getBoolean("has_audio"),
                    rs.getInt("still_seconds"), Rows.nullableDouble(rs, "loudness_before_lufs"),
                    Rows.nullableDouble(rs, "true_peak_before_dbtp"), Rows.nullableDouble(rs, "loudness_after_lufs"),
                    Rows.nullableDouble(rs, "true_peak_after_dbtp"), rs.getString("poster_sha256"),
                    rs.getString("waveform_sha256"), Rows.instant(rs, "deleted_at"), rs.getString("stream_url"),
                    rs.getString("spoken_text"), rs.getBoolean("is_public"));
        }
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM media WHERE id = :id")
    Optional<MediaItem> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM media WHERE id IN (<ids>)")
    List<MediaItem> byIds(@BindList("ids") Collection<Long> ids);

    /** The newest the user sees: filtered here, not after a country-wide LIMIT that other areas' uploads fill. */
    @SqlQuery("SELECT " + COLUMNS + " FROM media WHERE deleted_at IS NULL AND " + Areas.SHARED_WITH_SQL
            + " ORDER BY id DESC LIMIT :limit")
    List<MediaItem> latestShared(@Bind("everyone") boolean everyone,
                                 @BindList(value = "owners", onEmpty = BindList.EmptyHandling.NULL_STRING) Collection<Long> owners,
                                 @Bind("limit") int limit);

    /** Media that goes to LED screens and is in use: each needs a rendition for a new screen size. */
    @SqlQuery("SELECT " + COLUMNS + " FROM media WHERE status = 'READY' AND deleted_at IS NULL AND kind IN ('VIDEO', 'IMAGE')")
    List<MediaItem> readyVisual();

    @SqlQuery("SELECT " + COLUMNS + " FROM media WHERE status = 'PROCESSING'")
    List<MediaItem> processing();

    @SqlUpdate("""
            INSERT INTO media (title, status, kind, duration_ms, sha256, size_bytes, container, has_audio, still_seconds,
                               stream_url, area_id, created_by, created_at)
            VALUES (:title, 'READY', 'STREAM', :durationMs, :sha256, 0, 'stream', TRUE, 0, :url, :areaId, :userId, :now)""")
    @GetGeneratedKeys("id")
    long insertStream(@Bind("title") String title, @Bind("url") String url, @Bind("sha256") String sha256,
                      @Bind("durationMs") long durationMs, @Bind("areaId") Long areaId, @Bind("userId") long userId,
                      @Bind("now") Instant now);

    @SqlUpdate("UPDATE media SET is_public = :shown WHERE id = :id")
    void shownPublicly(@Bind("id") long id, @Bind("shown") boolean shown);

    @SqlQuery("SELECT " + COLUMNS + " FROM media WHERE is_public AND status = 'READY' AND deleted_at IS NULL AND id IN (<ids>)")
    List<MediaItem> publicAmong(@BindList("ids") Collection<Long> ids);

    @SqlQuery("SELECT COUNT(*) FROM media WHERE sha256 = :sha256 AND status <> 'REJECTED'")
    int usableWithSha(@Bind("sha256") String sha256);

    @SqlUpdate("""
            INSERT INTO media (title, status, sha256, size_bytes, still_seconds, spoken_text, area_id, created_by, created_at)
            VALUES (:title, 'PROCESSING', :sha256, :size, :stillSeconds, :spokenText, :areaId, :userId, :now)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("title") String title, @Bind("sha256") String sha256, @Bind("size") long size,
                @Bind("stillSeconds") int stillSeconds, @Bind("spokenText") String spokenText, @Bind("areaId") Long areaId, @Bind("userId") long userId,
                @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE media SET kind = :kind, duration_ms = :durationMs, container = :container, width = :width,
                             height = :height, has_audio = :hasAudio
            WHERE id = :id""")
    void probed(@Bind("id") long id, @Bind("kind") MediaKind kind, @Bind("durationMs") long durationMs,
                @Bind("container") String container, @Bind("width") Integer width, @Bind("height") Integer height,
                @Bind("hasAudio") boolean hasAudio);

    @SqlUpdate("UPDATE media SET progress_percent = :percent WHERE id = :id")
    void progress(@Bind("id") long id, @Bind("percent") int percent);

    @SqlUpdate("""
            UPDATE media SET loudness_before_lufs = :beforeLufs, true_peak_before_dbtp = :beforePeak,
                             loudness_after_lufs = :afterLufs, true_peak_after_dbtp = :afterPeak
            WHERE id = :id""")
    void loudness(@Bind("id") long id, @Bind("beforeLufs") double beforeLufs, @Bind("beforePeak") double beforePeak,
                  @Bind("afterLufs") double afterLufs, @Bind("afterPeak") double afterPeak);

    @SqlUpdate("UPDATE media SET poster_sha256 = :sha256 WHERE id = :id")
    void poster(@Bind("id") long id, @Bind("sha256") String sha256);

    @SqlUpdate("UPDATE media SET waveform_sha256 = :sha256 WHERE id = :id")
    void waveform(@Bind("id") long id, @Bind("sha256") String sha256);

    @SqlUpdate("UPDATE media SET deleted_at = :now, deleted_by = :userId WHERE id = :id AND deleted_at IS NULL")
    void delete(@Bind("id") long id, @Bind("userId") long userId, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE media SET status = 'READY', progress_percent = 100 WHERE id = :id""")
    void ready(@Bind("id") long id);

    @SqlUpdate("UPDATE media SET status = 'REJECTED', error = :error WHERE id = :id")
    void rejected(@Bind("id") long id, @Bind("error") String error);
}
