package communecast.app.security;

import communecast.app.web.ApiException;
import communecast.app.web.BrowserSession;
import communecast.app.web.Pages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.util.Map;

/** Đăng nhập / đăng xuất: the browser's session cookie, made from the same login as the API's token. */
@Controller("/ui")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiLoginController {
    private final Login login;
    private final BrowserSession session;
    private final Pages pages;

    UiLoginController(Login login, BrowserSession session, Pages pages) {
        this.login = login;
        this.session = session;
        this.pages = pages;
    }

    /** {@code next}: the page the browser asked for before it was sent here. */
    @Get("/login")
    HttpResponse<?> loginPage(HttpRequest<?> request, @Nullable @QueryValue String next) {
        return pages.page(request, "login", Map.of("next", Pages.isOwnPage(next) ? next : "/ui"));
    }

    @Post("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> login(HttpRequest<?> request, @Nullable String username, @Nullable String password, @Nullable String next) {
        String back = Pages.isOwnPage(next) ? next : "/ui";
        try {
            String token = login.token(username, password);
            return HttpResponse.seeOther(URI.create(back)).cookie(session.tokenCookie(token));
        } catch (ApiException e) {
            return pages.page(request, "login", Map.of("error", true, "next", back)).status(HttpStatus.UNAUTHORIZED);
        }
    }

    @Post("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> logout(HttpRequest<?> request, @Nullable String _csrf) {
        pages.requireForm(request, _csrf);
        return HttpResponse.seeOther(URI.create("/ui/login")).cookie(session.expiredTokenCookie());
    }
}
