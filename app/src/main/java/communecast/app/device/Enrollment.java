package communecast.app.device;

import io.micronaut.serde.annotation.Serdeable;

/** What a spent enrollment code gives the agent: its device id and the token it links with from then on. */
@Serdeable
public record Enrollment(int v, long deviceId, String token) {
}
