package communecast.app.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code {name, role, areaId}}: who will use the key (a system's name), what it may do and where (null: the whole country). */
@Serdeable
public record NewApiKey(@Nullable String name, @Nullable Role role, @Nullable Long areaId) {
}
