package communecast.app.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;

import java.util.Map;

/** The signed-in staff user in every page's model, for the menu and the pages' own checks; the login page has none. */
@Singleton
final class PageUser implements ViewModelProcessor<Map<String, Object>> {

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> page) {
        page.getModel().ifPresent(model -> request.getUserPrincipal(Authentication.class)
                .flatMap(CurrentUser::staff).ifPresent(user -> model.putIfAbsent("user", user)));
    }
}
