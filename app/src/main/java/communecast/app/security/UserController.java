package communecast.app.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Staff accounts, for an ADMIN of their area (README "Users, roles and areas"). */
@Controller("/api/users")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UserController {
    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    @Post
    HttpResponse<Account> create(Authentication auth, @Body NewUser request) {
        return HttpResponse.created(users.create(CurrentUser.of(auth), request.username(), request.password(), request.role(), request.areaId()));
    }

    @Get
    List<Account> list(Authentication auth) {
        return users.list(CurrentUser.of(auth));
    }

    @Get("/{id}")
    Account get(Authentication auth, long id) {
        return users.get(CurrentUser.of(auth), id);
    }

    /** {role, areaId}: the account's new role and area (areaId absent or null: the whole country). */
    @Put("/{id}")
    Account change(Authentication auth, long id, @Body ChangeRequest request) {
        return users.change(CurrentUser.of(auth), id, new Users.Change(request.role(), request.areaId()));
    }

    @Post("/{id}/disable")
    Account disable(Authentication auth, long id) {
        return users.setDisabled(CurrentUser.of(auth), id, true);
    }

    @Post("/{id}/enable")
    Account enable(Authentication auth, long id) {
        return users.setDisabled(CurrentUser.of(auth), id, false);
    }

    @Post("/{id}/password")
    HttpResponse<Void> resetPassword(Authentication auth, long id, @Body PasswordRequest request) {
        users.resetPassword(CurrentUser.of(auth), id, request.password());
        return HttpResponse.noContent();
    }

    @Serdeable
    record NewUser(String username, String password, Role role, @Nullable Long areaId) {
    }

    @Serdeable
    record ChangeRequest(Role role, @Nullable Long areaId) {
    }

    @Serdeable
    record PasswordRequest(String password) {
    }
}
