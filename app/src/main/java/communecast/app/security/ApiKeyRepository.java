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

@RegisterConstructorMapper(ApiKey.class)
interface ApiKeyRepository {
    String KEY = """
            SELECT k.id, k.name, k.role, k.area_id AS areaId, a.name AS areaName, u.username AS createdBy, k.created_at AS createdAt,
                   k.revoked_at AS revokedAt, k.last_used_at AS lastUsedAt
            FROM api_key k JOIN app_user u ON u.id = k.created_by LEFT JOIN area a ON a.id = k.area_id""";

    /** What a request with a key acts as; only a key in force, of an administrator who is not disabled. */
    record Holder(long id, String name, Role role, @Nullable Long areaId, long createdBy, @Nullable Instant lastUsedAt) {
    }

    @SqlUpdate("""
            INSERT INTO api_key (name, key_hash, role, area_id, created_by, created_at)
            VALUES (:name, :hash, :role, :areaId, :createdBy, :now)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("name") String name, @Bind("hash") String hash, @Bind("role") Role role, @Bind("areaId") Long areaId,
                @Bind("createdBy") long createdBy, @Bind("now") Instant now);

    @SqlQuery(KEY + " WHERE k.id = :id")
    Optional<ApiKey> find(@Bind("id") long id);

    /** The keys of an area and below it (a prefix of ix_area_path), or every key ({@code areaId} null), newest first. */
    @SqlQuery(KEY + """
             WHERE :areaId IS NULL OR a.path LIKE CONCAT((SELECT p.path FROM area p WHERE p.id = :areaId), '%')
            ORDER BY k.id DESC""")
    List<ApiKey> within(@Nullable @Bind("areaId") Long areaId);

    /** By the unique index on key_hash. */
    @SqlQuery("""
            SELECT k.id, k.name, k.role, k.area_id AS areaId, k.created_by AS createdBy, k.last_used_at AS lastUsedAt
            FROM api_key k JOIN app_user u ON u.id = k.created_by
            WHERE k.key_hash = :hash AND k.revoked_at IS NULL AND u.disabled_at IS NULL""")
    @RegisterConstructorMapper(Holder.class)
    Optional<Holder> holder(@Bind("hash") String hash);

    @SqlUpdate("UPDATE api_key SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    void revoke(@Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE api_key SET last_used_at = :now WHERE id = :id")
    void used(@Bind("id") long id, @Bind("now") Instant now);
}
