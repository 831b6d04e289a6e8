package communecast.app.security;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.serde.annotation.Serdeable;

/** A new key with the key itself, which is shown this once: only its hash is kept. */
@Serdeable
public record IssuedApiKey(@JsonUnwrapped ApiKey apiKey, String key) {
}
