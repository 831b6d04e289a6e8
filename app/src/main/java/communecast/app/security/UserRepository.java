package communecast.app.security;

import io.micronaut.core.annotation.Nullable;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(User.class)
interface UserRepository {
    String USER = "SELECT id, username, password_hash, role, area_id, credentials_changed_at FROM app_user";

    @SqlQuery(USER + " WHERE username = :username")
    Optional<User> findByUsername(@Bind("username") String username);

    /** The user who may log in or act: not disabled. */
    @SqlQuery(USER + " WHERE username = :username AND disabled_at IS NULL")
    Optional<User> findActiveByUsername(@Bind("username") String username);

    @SqlQuery(USER + " WHERE id = :id AND disabled_at IS NULL")
    Optional<User> findActive(@Bind("id") long id);

    @SqlUpdate("""
            INSERT INTO app_user (username, password_hash, role, area_id, created_at)
            VALUES (:username, :passwordHash, :role, :areaId, :now)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("username") String username, @Bind("passwordHash") String passwordHash,
                @Bind("role") Role role, @Bind("areaId") Long areaId, @Bind("now") Instant now);

    String ACCOUNT = """
            SELECT u.id, u.username, u.role, u.area_id AS areaId, a.name AS areaName, u.disabled_at IS NOT NULL AS disabled,
                   u.created_at AS createdAt
            FROM app_user u LEFT JOIN area a ON a.id = u.area_id""";

    /** The accounts of an area and below it (a prefix of ix_area_path), or of the whole country ({@code areaId} null). */
    @SqlQuery(ACCOUNT + """
             WHERE :areaId IS NULL OR a.path LIKE CONCAT((SELECT p.path FROM area p WHERE p.id = :areaId), '%')
            ORDER BY u.username""")
    @RegisterConstructorMapper(Account.class)
    List<Account> accounts(@Nullable @Bind("areaId") Long areaId);

    @SqlQuery(ACCOUNT + " WHERE u.id = :id")
    @RegisterConstructorMapper(Account.class)
    Optional<Account> account(@Bind("id") long id);

    @SqlUpdate("UPDATE app_user SET role = :role, area_id = :areaId WHERE id = :id")
    int setRoleAndArea(@Bind("id") long id, @Bind("role") Role role, @Nullable @Bind("areaId") Long areaId);

    @SqlUpdate("UPDATE app_user SET disabled_at = IF(:disabled, COALESCE(disabled_at, :now), NULL) WHERE id = :id")
    int setDisabled(@Bind("id") long id, @Bind("disabled") boolean disabled, @Bind("now") Instant now);

    @SqlUpdate("UPDATE app_user SET password_hash = :hash, credentials_changed_at = :now WHERE id = :id")
    int setPassword(@Bind("id") long id, @Bind("hash") String passwordHash, @Bind("now") Instant now);
}
