package communecast.app.ui;

import communecast.app.web.ApiException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** What every page gets (its words, language, form token) and the checks every form goes through. */
@Singleton
final class UiPages {
    /** Rows of a paged list (campaigns, the approval queue, logs): one office screen, then "Cũ hơn". */
    static final int PAGE_SIZE = 50;
    private static final MediaType HTML = MediaType.of("text/html;charset=utf-8");
    private final UiSession session;
    private final ThymeleafViewsRenderer<Map<String, Object>> views;

    UiPages(UiSession session, ThymeleafViewsRenderer<Map<String, Object>> views) {
        this.session = session;
        this.views = views;
    }

    MutableHttpResponse<?> page(HttpRequest<?> request, String view, Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        String language = session.language(request);
        all.put("t", Texts.of(language));
        all.put("lang", language);
        all.put("csrf", session.csrf(request).orElse(""));
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

    void requireForm(HttpRequest<?> request, String csrf) {
        if (!session.csrfMatches(request, csrf)) {
            throw ApiException.forbidden("this form is stale or was not sent from CommuneCast's own page; reload it");
        }
    }

    static HttpResponse<?> toLogin() {
        return HttpResponse.seeOther(URI.create("/ui/login"));
    }
}
