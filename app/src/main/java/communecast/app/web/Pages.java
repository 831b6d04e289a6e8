package communecast.app.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The shared page layout: every page rendered with what the model processors add (its words, language, form token,
 * the signed-in user) and the checks every form goes through. The pages themselves live in their rooms.
 */
@Singleton
public final class Pages {
    /** Rows of a paged list (campaigns, the approval queue, logs): one office screen, then "Cũ hơn". */
    public static final int PAGE_SIZE = 50;
    private static final MediaType HTML = MediaType.of("text/html;charset=utf-8");
    private final BrowserSession session;
    private final ThymeleafViewsRenderer<Map<String, Object>> views;
    private final ViewsModelDecorator decorator;

    Pages(BrowserSession session, ThymeleafViewsRenderer<Map<String, Object>> views, ViewsModelDecorator decorator) {
        this.session = session;
        this.views = views;
        this.decorator = decorator;
    }

    public MutableHttpResponse<?> page(HttpRequest<?> request, String view, Map<String, Object> model) {
        // Micronaut's view model processors (PageModel, the security room's signed-in user) add what every page shows.
        ModelAndView<Map<String, Object>> page = new ModelAndView<>(view, new HashMap<>(model));
        decorator.decorate(request, page);
        return HttpResponse.ok(render(view, page.getModel().orElseThrow(), request)).contentType(HTML);
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
    public <U> HttpResponse<?> act(HttpRequest<?> request, U user, @Nullable String csrf, Consumer<U> action,
                                   String done, BiFunction<U, PageError, MutableHttpResponse<?>> refused) {
        requireForm(request, csrf);
        try {
            action.accept(user);
            return HttpResponse.seeOther(URI.create(done));
        } catch (ApiException e) {
            return refused.apply(user, PageError.of(e)).status(e.status());
        }
    }

    /**
     * A refusal met outside a form that shows it (a mistyped day in a page's address, another area's campaign, a stale
     * form): a page in the user's language, with the way back to the page it came from.
     */
    MutableHttpResponse<?> refusal(HttpRequest<?> request, ApiException e) {
        String back = request.getHeaders().findFirst(HttpHeaders.REFERER).flatMap(Pages::pathOf).filter(Pages::isOwnPage).orElse("/ui");
        return page(request, "error", Map.of("error", PageError.of(e), "back", back)).status(e.status());
    }

    /** The path and query of a Referer, if it is a URI at all. */
    private static Optional<String> pathOf(String referer) {
        try {
            URI uri = new URI(referer);
            return Optional.ofNullable(uri.getRawPath()).map(path -> path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** A picker's area (or other) id; blank is none (the whole country, no parent). */
    public static Long optionalId(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("BAD_AREA", value + " is not an area");
        }
    }

    public void requireForm(HttpRequest<?> request, String csrf) {
        if (!session.csrfMatches(request, csrf)) {
            throw ApiException.forbidden("this form is stale or was not sent from CommuneCast's own page; reload it");
        }
    }

    /** To the login, which comes back to the page asked for (a GET; a form sent while logged out starts again from its page). */
    public static MutableHttpResponse<?> toLogin(HttpRequest<?> request) {
        String next = Optional.of(request).filter(r -> r.getMethod() == HttpMethod.GET)
                .map(r -> r.getUri().getRawPath() + (r.getUri().getRawQuery() == null ? "" : "?" + r.getUri().getRawQuery()))
                .filter(Pages::isOwnPage).orElse(null);
        return HttpResponse.seeOther(URI.create(next == null || next.equals("/ui") ? "/ui/login"
                : "/ui/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }

    /** Where a login may send the browser back to: one of these pages, never another site ("//host", "/ui@host"). */
    public static boolean isOwnPage(String path) {
        return path != null && (path.equals("/ui") || path.startsWith("/ui/") || path.startsWith("/ui?"))
                && !path.startsWith("/ui/login") && !path.contains("\\") && !path.contains("//") && path.chars().noneMatch(Character::isISOControl);
    }
}
