package communecast.app.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A staff account as an administrator sees it: never its password. {@code areaId} null: the whole country. */
@Serdeable
public record Account(long id, String username, Role role, @Nullable Long areaId, @Nullable String areaName, boolean disabled,
                      Instant createdAt) {
}
