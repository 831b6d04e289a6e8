package communecast.app.security;

import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.Objects;

/**
 * What a login token must say besides its signature: it expires, it is in force, we issued it, and it names
 * a user who exists, is not disabled, still has the role and area it claims and has not had a new password
 * since. A key that leaked still does not make an account; a disabled user, a changed role or a new password
 * takes effect at the next request.
 */
@Singleton
final class StaffTokenCheck<T> implements GenericJwtClaimsValidator<T> {
    // A token is stamped in force by the issuing node's clock; nodes of a cluster may disagree by this much.
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final String issuer;

    StaffTokenCheck(Jdbi jdbi, Clock clock, ApplicationConfiguration application) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.issuer = application.getName().orElseThrow(() -> new IllegalStateException("micronaut.application.name is not set"));
    }

    @Override
    public boolean validate(Claims claims, T request) {
        Instant now = clock.instant();
        Instant expires = instant(claims.get(Claims.EXPIRATION_TIME));
        Instant notBefore = instant(claims.get(Claims.NOT_BEFORE));
        if (expires == null || !expires.isAfter(now)
                || notBefore != null && notBefore.isAfter(now.plus(CLOCK_SKEW))
                || !issuer.equals(claims.get(Claims.ISSUER))
                || !(claims.get(CurrentUser.USER_ID) instanceof Number userId)) {
            return false;
        }
        return jdbi.onDemand(UserRepository.class).findActive(userId.longValue())
                .filter(user -> user.username().equals(claims.get(Claims.SUBJECT)))
                .filter(user -> claims.get("roles") instanceof Collection<?> roles && roles.size() == 1
                        && roles.contains(user.role().name()))
                .filter(user -> Objects.equals(user.areaId(), areaOf(claims)))
                .filter(user -> loggedInAfterPasswordSet(user, claims))
                .isPresent();
    }

    /**
     * The login's millisecond, which our tokens carry; a token without it (issued before it was added) has only its
     * iat, in whole seconds, so one from the second the password was set still counts.
     */
    private static boolean loggedInAfterPasswordSet(User user, Claims claims) {
        Instant changed = user.credentialsChangedAt();
        if (changed == null) {
            return true;
        }
        if (claims.get(CurrentUser.LOGGED_IN_AT) instanceof Number millis) {
            return millis.longValue() >= changed.toEpochMilli();
        }
        Instant issuedAt = instant(claims.get(Claims.ISSUED_AT));
        return issuedAt != null && !issuedAt.isBefore(changed.truncatedTo(ChronoUnit.SECONDS));
    }

    private static Long areaOf(Claims claims) {
        return claims.get(CurrentUser.AREA_ID) instanceof Number area ? area.longValue() : null;
    }

    private static Instant instant(Object claim) {
        return switch (claim) {
            case Date date -> date.toInstant();
            case Number seconds -> Instant.ofEpochSecond(seconds.longValue());
            case null, default -> null;
        };
    }
}
