package communecast.app.security;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;

/** Keys for other systems, for an ADMIN of their area (README "API keys for other systems"). */
@Controller("/api/api-keys")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ApiKeyController {
    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @Post
    HttpResponse<IssuedApiKey> create(Authentication auth, @Body NewApiKey request) {
        return HttpResponse.created(keys.create(CurrentUser.of(auth), request));
    }

    @Get
    List<ApiKey> list(Authentication auth) {
        return keys.list(CurrentUser.of(auth));
    }

    @Delete("/{id}")
    ApiKey revoke(Authentication auth, long id) {
        return keys.revoke(CurrentUser.of(auth), id);
    }
}
