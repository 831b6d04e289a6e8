package communecast.app.security;

import communecast.app.web.ApiException;
import communecast.app.web.Pages;
import communecast.app.web.BrowserSession;
import communecast.app.web.PageError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Người dùng: an ADMIN's accounts of their area (add, change role or area, disable, reset a password), and every
 * user's own password, through {@link Users} as the API's calls do.
 */
@Controller("/ui")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiUsersController {
    private final Users users;
    private final ScopeAreas areas;
    private final Login login;
    private final Pages pages;
    private final BrowserSession session;

    UiUsersController(Users users, ScopeAreas areas, Login login, Pages pages, BrowserSession session) {
        this.users = users;
        this.areas = areas;
        this.login = login;
        this.pages = pages;
        this.session = session;
    }

    @Get("/users")
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth) {
        return page(request, CurrentUser.of(auth), null, null);
    }

    @Post("/users")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, Authentication auth, @Nullable String _csrf, @Nullable String username,
                           @Nullable String password, @Nullable Role role, @Nullable String areaId) {
        return act(request, auth, _csrf, user -> users.create(user, username, password, role, Pages.optionalId(areaId)));
    }

    @Post("/users/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> change(HttpRequest<?> request, Authentication auth, long id, @Nullable String _csrf, @Nullable Role role,
                           @Nullable String areaId) {
        return act(request, auth, _csrf, user -> users.change(user, id, new Users.Change(role, Pages.optionalId(areaId))));
    }

    @Post("/users/{id}/disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> disable(HttpRequest<?> request, Authentication auth, long id, @Nullable String _csrf) {
        return act(request, auth, _csrf, user -> users.setDisabled(user, id, true));
    }

    @Post("/users/{id}/enable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> enable(HttpRequest<?> request, Authentication auth, long id, @Nullable String _csrf) {
        return act(request, auth, _csrf, user -> users.setDisabled(user, id, false));
    }

    @Post("/users/{id}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> reset(HttpRequest<?> request, Authentication auth, long id, @Nullable String _csrf, @Nullable String password) {
        return act(request, auth, _csrf, user -> users.resetPassword(user, id, password));
    }

    /** The user's own password; the browser goes on with a fresh session, the others end. */
    @Post("/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> own(HttpRequest<?> request, Authentication auth, @Nullable String _csrf, @Nullable String currentPassword,
                        @Nullable String newPassword) {
        pages.requireForm(request, _csrf);
        CurrentUser user = CurrentUser.of(auth);
        try {
            users.changeOwn(user, currentPassword, newPassword);
        } catch (ApiException e) {
            return page(request, user, PageError.of(e), null).status(e.status());
        }
        return page(request, user, null, "passwordChanged").cookie(session.tokenCookie(login.token(user.username(), newPassword)));
    }

    private HttpResponse<?> act(HttpRequest<?> request, Authentication auth, @Nullable String csrf, Consumer<CurrentUser> action) {
        return pages.act(request, CurrentUser.of(auth), csrf, action, "/ui/users", (user, error) -> page(request, user, error, null));
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, CurrentUser user, @Nullable PageError error, @Nullable String done) {
        Map<String, Object> model = new HashMap<>(Map.of("admin", user.has(Role.ADMIN), "roles", List.of(Role.values())));
        if (user.has(Role.ADMIN)) {
            List<Account> accounts = users.list(user);
            List<ScopeAreas.Place> tree = areas.places(user);
            model.put("accounts", accounts);
            model.put("areas", tree);
            model.put("national", user.areaId() == null);
        }
        if (error != null) {
            model.put("error", error);
        }
        if (done != null) {
            model.put("done", done);
        }
        return pages.page(request, "users", model);
    }
}
