package communecast.app.security;

import io.micronaut.security.authentication.Authentication;
import communecast.app.web.ApiException;

import java.util.Arrays;
import java.util.Optional;

/**
 * The staff user behind a request, read from the token's claims. {@code areaId} null means the whole
 * country.
 */
public record CurrentUser(long id, String username, Role role, Long areaId) {
    static final String USER_ID = "uid";
    static final String AREA_ID = "areaId";
    /** Epoch milliseconds of the login behind the token. */
    static final String LOGGED_IN_AT = "loginMs";

    /** The staff user, or 403 for any other principal (a device token has no business on /api). */
    public static CurrentUser of(Authentication authentication) {
        return staff(authentication).orElseThrow(() -> ApiException.forbidden("this call is for staff users"));
    }

    /** The staff user behind a principal; none for a device. */
    public static Optional<CurrentUser> staff(Authentication authentication) {
        return authentication.getRoles().stream()
                .filter(r -> Arrays.stream(Role.values()).anyMatch(v -> v.name().equals(r)))
                .map(Role::valueOf).findFirst()
                .map(role -> new CurrentUser(number(authentication.getAttributes().get(USER_ID)), authentication.getName(), role,
                        authentication.getAttributes().get(AREA_ID) == null ? null : number(authentication.getAttributes().get(AREA_ID))));
    }

    /** Refuses with 403 unless the user has one of these roles. */
    public boolean has(Role... allowed) {
        return Arrays.asList(allowed).contains(role);
    }

    public void require(Role... allowed) {
        if (!has(allowed)) {
            throw ApiException.forbidden("role " + role + " may not do this; needs one of " + Arrays.toString(allowed));
        }
    }

    private static long number(Object claim) {
        return claim instanceof Number n ? n.longValue() : Long.parseLong(claim.toString());
    }
}
