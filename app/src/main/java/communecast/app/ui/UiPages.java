package communecast.app.ui;

import communecast.app.web.ApiException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** What every page gets (its words, language, form token) and the checks every form goes through. */
@Singleton
final class UiPages {
    private final UiSession session;

    UiPages(UiSession session) {
        this.session = session;
    }

    MutableHttpResponse<?> page(HttpRequest<?> request, String view, Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        String language = session.language(request);
        all.put("t", Texts.of(language));
        all.put("lang", language);
        all.put("csrf", session.csrf(request).orElse(""));
        return HttpResponse.ok(new ModelAndView<>(view, all));
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
