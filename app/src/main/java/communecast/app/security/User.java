package communecast.app.security;

import io.micronaut.core.annotation.Nullable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.time.Instant;

/**
 * A staff account; the hash is Argon2id in PHC form. {@code credentialsChangedAt}: when its password was last set
 * after creation (tokens issued before it no longer count), null if never.
 */
public record User(long id, String username, @ColumnName("password_hash") String passwordHash, Role role,
                   @ColumnName("area_id") Long areaId,
                   @Nullable @ColumnName("credentials_changed_at") Instant credentialsChangedAt) {
}
