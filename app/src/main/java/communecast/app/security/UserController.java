package communecast.app.security;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

@Controller("/api/users")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UserController {
    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    @Post
    HttpResponse<UserView> create(Authentication auth, @Body NewUser request) {
        return HttpResponse.created(users.create(CurrentUser.of(auth), request));
    }

    @Serdeable
    record NewUser(String username, String password, Role role, Long areaId) {
    }

    @Serdeable
    record UserView(long id, String username, Role role, Long areaId) {
    }
}
