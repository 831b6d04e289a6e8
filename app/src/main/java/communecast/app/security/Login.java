package communecast.app.security;

import communecast.app.web.ApiException;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Singleton
public final class Login {
    static final int TOKEN_SECONDS = 12 * 3600;

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final TokenGenerator tokens;
    private final Clock clock;

    Login(Jdbi jdbi, PasswordHasher hasher, TokenGenerator tokens, Clock clock) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The signed token for these credentials (the web pages keep it in a cookie); 401 if they are wrong. */
    public String token(String username, String password) {
        return login(username, password).accessToken();
    }

    IssuedToken login(String username, String password) {
        if (username == null || password == null || username.isBlank()) {
            throw ApiException.badRequest("MISSING_FIELD", "username and password are required");
        }
        User user = jdbi.onDemand(UserRepository.class).findActiveByUsername(Usernames.normalized(username))
                .filter(u -> hasher.matches(password, u.passwordHash()))
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS", "wrong username or password"));
        String token = tokens.generateToken(authentication(user, clock.millis()), TOKEN_SECONDS)
                .orElseThrow(() -> new IllegalStateException("no JWT could be signed"));
        return new IssuedToken(token, "Bearer", TOKEN_SECONDS, user.username(), user.role(), user.areaId());
    }

    /** {@code loggedInAt}: to the millisecond (a JWT's iat has whole seconds), so a password set just after ends it. */
    private static Authentication authentication(User user, long loggedInAt) {
        Map<String, Object> claims = new HashMap<>();
        claims.put(CurrentUser.USER_ID, user.id());
        claims.put(CurrentUser.LOGGED_IN_AT, loggedInAt);
        if (user.areaId() != null) {
            claims.put(CurrentUser.AREA_ID, user.areaId());
        }
        return Authentication.build(user.username(), List.of(user.role().name()), claims);
    }
}
