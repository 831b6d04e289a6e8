package communecast.app.security;

import communecast.app.web.BrowserSession;
import communecast.app.web.Pages;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The one rule for a page asked for without a valid session (never logged in, logged out, the session expired,
 * the account disabled): the browser goes to the login, which comes back to the page. The API, and a page's
 * own scripts (htmx's polling, the upload), keep the plain 401 they can act on.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class UiLoginRedirect extends DefaultAuthorizationExceptionHandler {

    UiLoginRedirect(ErrorResponseProcessor<?> errorResponseProcessor, RedirectConfiguration redirectConfiguration,
                    RedirectService redirectService, List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challengeProviders,
                    @Nullable PriorToLoginPersistence priorToLoginPersistence) {
        super(errorResponseProcessor, redirectConfiguration, redirectService, challengeProviders, priorToLoginPersistence);
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        return !exception.isForbidden() && isBrowserPage(request) ? Pages.toLogin(request) : super.handle(request, exception);
    }

    private static boolean isBrowserPage(HttpRequest<?> request) {
        String path = request.getPath();
        return (path.equals("/ui") || path.startsWith("/ui/")) && !request.getHeaders().contains("HX-Request")
                && !request.getHeaders().contains(BrowserSession.CSRF_HEADER);
    }
}
