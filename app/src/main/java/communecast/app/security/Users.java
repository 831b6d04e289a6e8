package communecast.app.security;

import communecast.app.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Staff accounts: an ADMIN adds, lists, changes, disables and resets the users of their own area and below it,
 * and grants nothing they do not hold (an area inside their own; their own account through another admin).
 * Everyone changes their own password.
 */
@Singleton
public final class Users {
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

    /** What an account becomes: its role and area ({@code areaId} null: the whole country). */
    public record Change(Role role, @Nullable Long areaId) {
    }

    public Account create(CurrentUser admin, String username, String password, Role role, @Nullable Long areaId) {
        admin.require(Role.ADMIN);
        if (username == null || username.isBlank() || role == null || password == null) {
            throw ApiException.badRequest("MISSING_FIELD", "username, password and role are required");
        }
        checkStrength(password);
        requireArea(admin, areaId, "you may only add users inside your own area");
        String name = Usernames.valid(username);
        UserRepository users = repo();
        if (users.findByUsername(name).isPresent()) {
            throw ApiException.conflict("DUPLICATE_USERNAME", "user " + name + " already exists");
        }
        long id = users.insert(name, hasher.hash(password), role, areaId, clock.instant());
        return users.account(id).orElseThrow();
    }

    public List<Account> list(CurrentUser admin) {
        admin.require(Role.ADMIN);
        return repo().accounts(admin.areaId());
    }

    public Account get(CurrentUser admin, long id) {
        admin.require(Role.ADMIN);
        return managed(admin, id);
    }

    public Account change(CurrentUser admin, long id, Change change) {
        admin.require(Role.ADMIN);
        if (change == null || change.role() == null) {
            throw ApiException.badRequest("MISSING_FIELD", "role is required (areaId: null or absent for the whole country)");
        }
        others(admin, id);
        requireArea(admin, change.areaId(), "you may only place users inside your own area");
        repo().setRoleAndArea(id, change.role(), change.areaId());
        return repo().account(id).orElseThrow();
    }

    /** A disabled user cannot log in, and the tokens they hold stop working at their next request. */
    public Account setDisabled(CurrentUser admin, long id, boolean disabled) {
        admin.require(Role.ADMIN);
        others(admin, id);
        repo().setDisabled(id, disabled, clock.instant());
        return repo().account(id).orElseThrow();
    }

    /** A new password from the administrator (a forgotten one): the user's sessions end. */
    public void resetPassword(CurrentUser admin, long id, String password) {
        admin.require(Role.ADMIN);
        others(admin, id);
        setPassword(id, password);
    }

    /** The user's own new password; the sessions opened before it end (the caller logs in again with it). */
    public void changeOwn(CurrentUser user, String current, String password) {
        if (current == null || password == null) {
            throw ApiException.badRequest("MISSING_FIELD", "currentPassword and newPassword are required");
        }
        User me = repo().findActive(user.id()).orElseThrow(() -> ApiException.forbidden("this account is disabled"));
        if (!hasher.matches(current, me.passwordHash())) {
            throw ApiException.badRequest("WRONG_PASSWORD", "the current password is not right");
        }
        setPassword(me.id(), password);
    }

    private void setPassword(long id, String password) {
        if (password == null) {
            throw ApiException.badRequest("MISSING_FIELD", "password is required");
        }
        checkStrength(password);
        repo().setPassword(id, hasher.hash(password), clock.instant());
    }

    private static void checkStrength(String password) {
        if (password.length() < MIN_PASSWORD) {
            throw ApiException.badRequest("WEAK_PASSWORD", "a password needs at least " + MIN_PASSWORD + " characters");
        }
    }

    private void requireArea(CurrentUser admin, @Nullable Long areaId, String refusal) {
        if (outside(admin, areaId)) {
            throw ApiException.forbidden(refusal);
        }
    }

    /** An area (null: the whole country) beyond the admin's own. */
    private boolean outside(CurrentUser admin, @Nullable Long areaId) {
        return !scope.grants(admin, areaId);
    }

    /** An account of the admin's area or below it: 404 if none, 403 if elsewhere. */
    private Account managed(CurrentUser admin, long id) {
        Account account = repo().account(id).orElseThrow(() -> ApiException.notFound("user", id));
        if (outside(admin, account.areaId())) {
            throw ApiException.forbidden("user " + id + " is outside your area");
        }
        return account;
    }

    /**
     * Someone else's account: nobody raises, moves or disables their own, so the last national administrator
     * stays (only another one could act on them).
     */
    private Account others(CurrentUser admin, long id) {
        Account account = managed(admin, id);
        if (Objects.equals(account.id(), admin.id())) {
            throw ApiException.forbidden("another administrator changes your own account; your password is yours to change");
        }
        return account;
    }

    private UserRepository repo() {
        return jdbi.onDemand(UserRepository.class);
    }
}
