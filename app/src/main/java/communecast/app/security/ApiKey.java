package communecast.app.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A key as an administrator sees it: never the key itself, which is shown once when it is made. */
@Serdeable
public record ApiKey(long id, String name, Role role, @Nullable Long areaId, @Nullable String areaName, String createdBy,
                     Instant createdAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {
}
