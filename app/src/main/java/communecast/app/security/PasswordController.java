package communecast.app.security;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

/** Every user's own password: the sessions opened before the change end; the answer carries a fresh token. */
@Controller("/api/auth")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class PasswordController {
    private final Users users;
    private final Login login;

    PasswordController(Users users, Login login) {
        this.users = users;
        this.login = login;
    }

    @Post("/password")
    IssuedToken change(Authentication auth, @Body OwnPassword request) {
        CurrentUser user = CurrentUser.of(auth);
        users.changeOwn(user, request.currentPassword(), request.newPassword());
        return login.login(user.username(), request.newPassword());
    }

    @Serdeable
    record OwnPassword(String currentPassword, String newPassword) {
    }
}
