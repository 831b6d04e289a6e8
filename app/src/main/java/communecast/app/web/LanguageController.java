package communecast.app.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;

/** The link on every page that switches between Vietnamese and English. */
@Controller("/ui/language")
@Secured(SecurityRule.IS_ANONYMOUS)
final class LanguageController {

    @Get("/{language}")
    HttpResponse<?> language(String language) {
        return HttpResponse.seeOther(URI.create("/ui"))
                .cookie(Cookie.of(BrowserSession.LANGUAGE_COOKIE, "en".equals(language) ? "en" : "vi").path("/"));
    }
}
