package communecast.app.device;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** The device as registered, with the enrollment code shown this once and when it stops working. */
@Serdeable
public record RegisteredDevice(@JsonUnwrapped Device device, String enrollmentCode, Instant enrollmentCodeValidUntil) {
}
