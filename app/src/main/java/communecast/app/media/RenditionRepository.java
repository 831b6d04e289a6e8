package communecast.app.media;

import communecast.app.db.Rows;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RegisterRowMapper(RenditionRepository.Mapper.class)
interface RenditionRepository {
    String COLUMNS = "id, media_id, kind, screen_width, screen_height, status, sha256, size_bytes, duration_ms, error";

    /** Column by column, not by reflection (see {@link Rows}). */
    final class Mapper implements RowMapper<Rendition> {
        @Override
        public Rendition map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Rendition(rs.getLong("id"), rs.getLong("media_id"), RenditionKind.valueOf(rs.getString("kind")),
                    rs.getInt("screen_width"), rs.getInt("screen_height"), RenditionStatus.valueOf(rs.getString("status")),
                    rs.getString("sha256"), Rows.nullableLong(rs, "size_bytes"), Rows.nullableLong(rs, "duration_ms"),
                    rs.getString("error"));
        }
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM media_rendition WHERE media_id = :mediaId ORDER BY kind, screen_width, screen_height")
    List<Rendition> ofMedia(@Bind("mediaId") long mediaId);

    @SqlQuery("SELECT " + COLUMNS + " FROM media_rendition WHERE media_id IN (<ids>)")
    List<Rendition> ofMedia(@BindList("ids") Collection<Long> mediaIds);

    @SqlQuery("SELECT " + COLUMNS + " FROM media_rendition"
            + " WHERE media_id = :mediaId AND kind = :kind AND screen_width = :width AND screen_height = :height")
    Optional<Rendition> find(@Bind("mediaId") long mediaId, @Bind("kind") RenditionKind kind,
                             @Bind("width") int width, @Bind("height") int height);

    /** Claims the work: false if another run already made or is making this rendition. */
    @SqlUpdate("""
            INSERT IGNORE INTO media_rendition (media_id, kind, screen_width, screen_height, status, created_at, claimed_by)
            VALUES (:mediaId, :kind, :width, :height, 'PROCESSING', :now, :node)""")
    boolean claim(@Bind("mediaId") long mediaId, @Bind("kind") RenditionKind kind, @Bind("width") int width,
                  @Bind("height") int height, @Bind("now") Instant now, @Bind("node") String node);

    @SqlUpdate("""
            UPDATE media_rendition SET status = 'READY', sha256 = :sha256, size_bytes = :size, duration_ms = :durationMs, error = NULL
            WHERE id = :id""")
    void ready(@Bind("id") long id, @Bind("sha256") String sha256, @Bind("size") long size, @Bind("durationMs") long durationMs);

    /** The upload itself cannot be rendered: the medium is rejected too. */
    @SqlUpdate("UPDATE media_rendition SET status = 'REJECTED', error = :error WHERE id = :id")
    void rejected(@Bind("id") long id, @Bind("error") String error);

    /** Only this rendition could not be made; {@code reason} in words, for staff. */
    @SqlUpdate("UPDATE media_rendition SET status = 'FAILED', error = LEFT(:reason, 1000) WHERE id = :id")
    void failed(@Bind("id") long id, @Bind("reason") String reason);

    /**
     * A restart leaves this node's PROCESSING rows behind (another node's are still being made), and a FAILED
     * video may have met a passing fault: both are made again.
     */
    @SqlUpdate("""
            DELETE FROM media_rendition
            WHERE (status = 'PROCESSING' AND (:everyNode OR claimed_by IS NULL OR claimed_by = :node))
               OR (status = 'FAILED' AND kind = 'VIDEO')""")
    int forgetUnfinished(@Bind("everyNode") boolean everyNode, @Bind("node") String node);

    /** Media another node is making renditions of now: not this node's to take up at its start. */
    @SqlQuery("SELECT DISTINCT media_id FROM media_rendition WHERE status = 'PROCESSING' AND claimed_by <> :node")
    Set<Long> processingElsewhere(@Bind("node") String node);
}
