package communecast.app.security;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

@Controller("/api/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class LoginController {
    private final Login login;

    LoginController(Login login) {
        this.login = login;
    }

    @Post("/login")
    IssuedToken login(@Body LoginRequest request) {
        return login.login(request.username(), request.password());
    }

    @Serdeable
    record LoginRequest(String username, String password) {
    }
}
