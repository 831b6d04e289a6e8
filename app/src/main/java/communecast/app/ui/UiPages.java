package communecast.app.ui;

import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import communecast.app.web.LocalTimes;
import communecast.app.web.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/** What every page gets (its words, language, form token) and the checks every form goes through. */
@Singleton
public final class UiPages {
    /** Rows of a paged list (campaigns, the approval queue, logs): one office screen, then "Cũ hơn". */
    static final int PAGE_SIZE = 50;
    private static final MediaType HTML = MediaType.of("text/html;charset=utf-8");
    private final UiSession session;
    private final ThymeleafViewsRenderer<Map<String, Object>> views;
    private final LocalTimes times;

    UiPages(UiSession session, ThymeleafViewsRenderer<Map<String, Object>> views, LocalTimes times) {
        this.session = session;
        this.views = views;
        this.times = times;
    }

    public MutableHttpResponse<?> page(HttpRequest<?> request, String view, Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        String language = session.language(request);
        all.put("t", Texts.of(language));
        all.put("lang", language);
        // A service's message in the page's language: ${say.text(reason)}, from the one message catalogue.
        all.put("say", Messages.in(language));
        all.put("csrf", session.csrf(request).orElse(""));
        // The signed-in user, for the menu and the pages' own checks; the login page has none.
        request.getUserPrincipal(Authentication.class).ifPresent(auth -> all.putIfAbsent("user", CurrentUser.of(auth)));
        // Every page shows instants as ${times.minute(at)}: the zone's local time, never ISO UTC.
        all.put("times", times);
        return HttpResponse.ok(render(view, all, request)).contentType(HTML);
    }

    /**
     * Rendered here, not while the response is written: a template that fails then is an error page (500),
     * where a failure while writing left the browser waiting for an answer that never came.
     */
    private String render(String view, Map<String, Object> model, HttpRequest<?> request) {
        StringWriter html = new StringWriter();
        try {
            views.render(view, model, request).writeTo(html);
        } catch (IOException e) {
            throw new UncheckedIOException("could not render page " + view, e);
        }
        return html.toString();
    }

    /**
     * A form's action as the signed-in user: the form's token checked, then a redirect to {@code done}, or the
     * form's page again with the service's refusal beside it (in its status).
     */
    public HttpResponse<?> act(HttpRequest<?> request, Authentication auth, @Nullable String csrf, Consumer<CurrentUser> action,
                        String done, BiFunction<CurrentUser, UiError, MutableHttpResponse<?>> refused) {
        requireForm(request, csrf);
        CurrentUser user = CurrentUser.of(auth);
        try {
            action.accept(user);
            return HttpResponse.seeOther(URI.create(done));
        } catch (ApiException e) {
            return refused.apply(user, UiError.of(e)).status(e.status());
        }
    }

    /** A picker's area (or other) id; blank is none (the whole country, no parent). */
    static Long optionalId(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("BAD_AREA", value + " is not an area");
        }
    }

    void requireForm(HttpRequest<?> request, String csrf) {
        if (!session.csrfMatches(request, csrf)) {
            throw ApiException.forbidden("this form is stale or was not sent from CommuneCast's own page; reload it");
        }
    }

    /** To the login, which comes back to the page asked for (a GET; a form sent while logged out starts again from its page). */
    static MutableHttpResponse<?> toLogin(HttpRequest<?> request) {
        String next = Optional.of(request).filter(r -> r.getMethod() == HttpMethod.GET)
                .map(r -> r.getUri().getRawPath() + (r.getUri().getRawQuery() == null ? "" : "?" + r.getUri().getRawQuery()))
                .filter(UiPages::isOwnPage).orElse(null);
        return HttpResponse.seeOther(URI.create(next == null || next.equals("/ui") ? "/ui/login"
                : "/ui/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }

    /** Where a login may send the browser back to: one of these pages, never another site ("//host", "/ui@host"). */
    static boolean isOwnPage(String path) {
        return path != null && (path.equals("/ui") || path.startsWith("/ui/") || path.startsWith("/ui?"))
                && !path.startsWith("/ui/login") && !path.contains("\\") && !path.contains("//") && path.chars().noneMatch(Character::isISOControl);
    }
}
