package communecast.app.area;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(Area.class)
interface AreaRepository {
    @SqlQuery("SELECT id, name, code, kind, parent_id, path, quiet_from, quiet_to, unit_name FROM area WHERE id = :id")
    Optional<Area> find(@Bind("id") long id);

    @SqlQuery("SELECT id, name, code, kind, parent_id, path, quiet_from, quiet_to, unit_name FROM area WHERE code = :code")
    Optional<Area> findByCode(@Bind("code") String code);

    @SqlQuery("SELECT COUNT(*) FROM area WHERE code = :code")
    int countByCode(@Bind("code") String code);

    /** The subtree under a path prefix, parents before children. */
    @SqlQuery("SELECT id, name, code, kind, parent_id, path, quiet_from, quiet_to, unit_name FROM area WHERE path LIKE CONCAT(:path, '%') ORDER BY path")
    List<Area> subtree(@Bind("path") String path);

    @SqlQuery("SELECT id FROM area WHERE path LIKE CONCAT(:path, '%')")
    List<Long> subtreeIds(@Bind("path") String path);

    @SqlUpdate("INSERT INTO area (name, code, kind, parent_id, path, created_at) VALUES (:name, :code, :kind, :parentId, '', :now)")
    @GetGeneratedKeys("id")
    long insert(@Bind("name") String name, @Bind("code") String code, @Bind("kind") AreaKind kind,
                @Bind("parentId") Long parentId, @Bind("now") Instant now);

    @SqlQuery("SELECT id, name, code, kind, parent_id, path, quiet_from, quiet_to, unit_name FROM area WHERE id IN (<ids>)")
    List<Area> byIds(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("UPDATE area SET quiet_from = :from, quiet_to = :to WHERE id = :id")
    void quietHours(@Bind("id") long id, @Bind("from") LocalTime from, @Bind("to") LocalTime to);

    @SqlQuery("SELECT unit_name, superior_unit, unit_code, place, signer_title, signer_name FROM area WHERE id = :id")
    @RegisterConstructorMapper(Letterheads.Stored.class)
    Optional<Letterheads.Stored> letterhead(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE area SET unit_name = :unitName, superior_unit = :superiorUnit, unit_code = :unitCode, place = :place,
                            signer_title = :signerTitle, signer_name = :signerName
            WHERE id = :id""")
    void setLetterhead(@Bind("id") long id, @BindMethods Letterheads.Stored letterhead);

    @SqlUpdate("UPDATE area SET name = :name WHERE id = :id")
    void rename(@Bind("id") long id, @Bind("name") String name);

    /** The area under a new parent; its path and every path below it change prefix (ix_area_path serves the range). */
    @SqlUpdate("""
            UPDATE area SET parent_id = IF(id = :id, :parentId, parent_id),
                            path = CONCAT(:newPath, SUBSTRING(path, CHAR_LENGTH(:oldPath) + 1))
            WHERE path LIKE CONCAT(:oldPath, '%')""")
    void move(@Bind("id") long id, @Bind("parentId") long parentId, @Bind("oldPath") String oldPath, @Bind("newPath") String newPath);

    @SqlUpdate("UPDATE area SET path = :path WHERE id = :id")
    void setPath(@Bind("id") long id, @Bind("path") String path);
}
