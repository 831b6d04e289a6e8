package communecast.app.security;

import org.jdbi.v3.core.mapper.reflect.ColumnName;

/** A staff account; the hash is Argon2id in PHC form. */
public record User(long id, String username, @ColumnName("password_hash") String passwordHash, Role role,
            @ColumnName("area_id") Long areaId) {
}
