package communecast.app.playlog;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** When a campaign's first and last plays not yet final are due; nulls when it has none. */
public record OpenRange(@Nullable Instant first, @Nullable Instant last) {
}
