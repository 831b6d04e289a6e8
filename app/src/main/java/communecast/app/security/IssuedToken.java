package communecast.app.security;

import io.micronaut.serde.annotation.Serdeable;

/** A login's answer: the bearer token, how long it lasts, and who it is for. */
@Serdeable
public record IssuedToken(String accessToken, String tokenType, int expiresIn, String username, Role role, Long areaId) {
}
