package communecast.app.area;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(Area.class)
interface AreaRepository {
    @SqlQuery("SELECT id, name, code, kind, parent_id, path FROM area WHERE id = :id")
    Optional<Area> find(@Bind("id") long id);

    @SqlQuery("SELECT COUNT(*) FROM area WHERE code = :code")
    int countByCode(@Bind("code") String code);

    /** The subtree under a path prefix, parents before children. */
    @SqlQuery("SELECT id, name, code, kind, parent_id, path FROM area WHERE path LIKE CONCAT(:path, '%') ORDER BY path")
    List<Area> subtree(@Bind("path") String path);

    @SqlUpdate("INSERT INTO area (name, code, kind, parent_id, path, created_at) VALUES (:name, :code, :kind, :parentId, '', :now)")
    @GetGeneratedKeys("id")
    long insert(@Bind("name") String name, @Bind("code") String code, @Bind("kind") AreaKind kind,
                @Bind("parentId") Long parentId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE area SET path = :path WHERE id = :id")
    void setPath(@Bind("id") long id, @Bind("path") String path);
}
