package communecast.app.media;

import communecast.media.MediaKind;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(MediaItem.class)
interface MediaRepository {
    String COLUMNS = "id, title, status, kind, duration_ms, sha256, size_bytes, container, error, area_id, created_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM media WHERE id = :id")
    Optional<MediaItem> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM media WHERE id IN (<ids>)")
    List<MediaItem> byIds(@BindList("ids") Collection<Long> ids);

    @SqlQuery("SELECT " + COLUMNS + " FROM media ORDER BY id DESC LIMIT 500")
    List<MediaItem> latest();

    @SqlQuery("SELECT " + COLUMNS + " FROM media WHERE status = 'PROCESSING'")
    List<MediaItem> processing();

    @SqlQuery("SELECT COUNT(*) FROM media WHERE sha256 = :sha256 AND status <> 'REJECTED'")
    int usableWithSha(@Bind("sha256") String sha256);

    @SqlUpdate("""
            INSERT INTO media (title, status, sha256, size_bytes, area_id, created_by, created_at)
            VALUES (:title, 'PROCESSING', :sha256, :size, :areaId, :userId, :now)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("title") String title, @Bind("sha256") String sha256, @Bind("size") long size,
                @Bind("areaId") Long areaId, @Bind("userId") long userId, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE media SET status = 'READY', kind = :kind, duration_ms = :durationMs, container = :container
            WHERE id = :id""")
    void ready(@Bind("id") long id, @Bind("kind") MediaKind kind, @Bind("durationMs") long durationMs,
               @Bind("container") String container);

    @SqlUpdate("UPDATE media SET status = 'REJECTED', error = :error WHERE id = :id")
    void rejected(@Bind("id") long id, @Bind("error") String error);
}
