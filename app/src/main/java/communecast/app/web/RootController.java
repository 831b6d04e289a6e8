package communecast.app.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;

/** The server's address in a browser is the office's pages, not a 404. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class RootController {

    @Get
    HttpResponse<?> root() {
        return HttpResponse.seeOther(URI.create("/ui"));
    }
}
