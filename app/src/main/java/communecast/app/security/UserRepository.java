package communecast.app.security;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Optional;

@RegisterConstructorMapper(User.class)
interface UserRepository {
    @SqlQuery("SELECT id, username, password_hash, role, area_id FROM app_user WHERE username = :username")
    Optional<User> findByUsername(@Bind("username") String username);

    /** The user who may log in or act: not disabled. */
    @SqlQuery("SELECT id, username, password_hash, role, area_id FROM app_user WHERE username = :username AND disabled_at IS NULL")
    Optional<User> findActiveByUsername(@Bind("username") String username);

    @SqlQuery("SELECT id, username, password_hash, role, area_id FROM app_user WHERE id = :id AND disabled_at IS NULL")
    Optional<User> findActive(@Bind("id") long id);

    @SqlUpdate("""
            INSERT INTO app_user (username, password_hash, role, area_id, created_at)
            VALUES (:username, :passwordHash, :role, :areaId, :now)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("username") String username, @Bind("passwordHash") String passwordHash,
                @Bind("role") Role role, @Bind("areaId") Long areaId, @Bind("now") Instant now);
}
