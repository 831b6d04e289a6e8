package communecast.app.security;

import communecast.app.web.BrowserSession;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The web pages' session cookie as a token: for /ui (whose forms carry the anti-forgery token) and for
 * reading anywhere (a report downloaded from a page). A cookie never authorises an API call that changes
 * something: those need the bearer header, so another site cannot make a browser send one.
 */
@Singleton
final class SessionCookieTokenReader implements TokenReader<HttpRequest<?>> {
    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!request.getPath().startsWith("/ui") && request.getMethod() != HttpMethod.GET) {
            return Optional.empty();
        }
        return request.getCookies().findCookie(BrowserSession.TOKEN_COOKIE).map(Cookie::getValue).filter(v -> !v.isBlank());
    }

    /** After the bearer header: a request that has one uses it. */
    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
