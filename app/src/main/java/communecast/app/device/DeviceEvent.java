package communecast.app.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A device came ONLINE or went OFFLINE, and why. */
@Serdeable
public record DeviceEvent(String kind, @Nullable String reason, Instant at) {
}
