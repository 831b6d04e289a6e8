package communecast.app.agentlink;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A command for a device: its name (RESYNC, SET_VOLUME, SCREENSHOT) and, to set the volume, the volume. */
@Serdeable
public record NewCommand(@Nullable String name, @Nullable Double volume) {
}
