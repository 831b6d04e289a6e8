package communecast.app.security;

import communecast.app.web.ApiException;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;

/** Staff accounts: an ADMIN adds users with a role, inside the admin's own area. */
@Singleton
final class Users {
    static final int MIN_PASSWORD = 8;

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final AreaScope scope;

    Users(Jdbi jdbi, PasswordHasher hasher, Clock clock, AreaScope scope) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.clock = clock;
        this.scope = scope;
    }

    UserController.UserView create(CurrentUser admin, UserController.NewUser request) {
        admin.require(Role.ADMIN);
        if (request.username() == null || request.username().isBlank() || request.role() == null || request.password() == null) {
            throw ApiException.badRequest("MISSING_FIELD", "username, password and role are required");
        }
        if (request.password().length() < MIN_PASSWORD) {
            throw ApiException.badRequest("WEAK_PASSWORD", "a password needs at least " + MIN_PASSWORD + " characters");
        }
        if (request.areaId() == null ? admin.areaId() != null : !scope.inScope(admin, request.areaId())) {
            throw ApiException.forbidden("you may only add users inside your own area");
        }
        String username = Usernames.valid(request.username());
        UserRepository users = jdbi.onDemand(UserRepository.class);
        if (users.findByUsername(username).isPresent()) {
            throw ApiException.conflict("DUPLICATE_USERNAME", "user " + username + " already exists");
        }
        long id = users.insert(username, hasher.hash(request.password()), request.role(), request.areaId(), clock.instant());
        return new UserController.UserView(id, username, request.role(), request.areaId());
    }
}
