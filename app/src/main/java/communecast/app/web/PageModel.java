package communecast.app.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;

import java.util.Map;

/** What every page's model holds whoever renders it: its words and language, the form token, local times. */
@Singleton
final class PageModel implements ViewModelProcessor<Map<String, Object>> {
    private final BrowserSession session;
    private final LocalTimes times;

    PageModel(BrowserSession session, LocalTimes times) {
        this.session = session;
        this.times = times;
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> page) {
        page.getModel().ifPresent(model -> {
            String language = session.language(request);
            model.put("t", Texts.of(language));
            model.put("lang", language);
            // A service's message in the page's language: ${say.text(reason)}, from the one message catalogue.
            model.put("say", Messages.in(language, times));
            model.put("csrf", session.csrf(request).orElse(""));
            // Every page shows instants as ${times.minute(at)}: the zone's local time, never ISO UTC.
            model.put("times", times);
        });
    }
}
