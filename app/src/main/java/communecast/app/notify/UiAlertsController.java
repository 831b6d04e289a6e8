package communecast.app.notify;

import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.PageError;
import communecast.app.web.Pages;
import communecast.app.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cảnh báo: an ADMIN's webhooks and alert e-mail addresses for their area, with the events each is told of; a new
 * webhook's signing secret is shown once. The room's own page, through {@link Subscriptions} as the API's calls do.
 */
@Controller("/ui/alerts")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiAlertsController {
    private final Subscriptions subscriptions;
    private final Pages pages;

    UiAlertsController(Subscriptions subscriptions, Pages pages) {
        this.subscriptions = subscriptions;
        this.pages = pages;
    }

    /** A subscription as the page lists it: the events it names, in the page's words by the template. */
    record Row(long id, String target, List<EventType> events) {
        static Row of(NotifyRepository.Subscription s) {
            return new Row(s.id(), s.target(), s.eventNames().stream().flatMap(n -> EventType.named(n).stream()).toList());
        }
    }

    @Get
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth) {
        return page(request, CurrentUser.of(auth), null, null);
    }

    /** The form: {@code target} (a URL or an address), one checkbox per event ({@code event-device.offline=on}). */
    @Post("/{channel}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> add(HttpRequest<?> request, Authentication auth, String channel, @Body Map<String, String> form) {
        CurrentUser user = CurrentUser.of(auth);
        List<String> events = Arrays.stream(EventType.values()).map(EventType::wireName).filter(n -> form.containsKey("event-" + n)).toList();
        String[] secret = {null};
        HttpResponse<?> done = pages.act(request, user, form.get("_csrf"), u -> {
            if (Subscriptions.WEBHOOK.equals(channel(channel))) {
                secret[0] = subscriptions.webhook(u, form.get("target"), events, null).secret();
            } else {
                subscriptions.email(u, form.get("target"), events, null);
            }
        }, "/ui/alerts", (u, error) -> page(request, u, error, null));
        // The secret is shown once, on the page that answers the form.
        return secret[0] == null ? done : page(request, user, null, secret[0]);
    }

    @Post("/{channel}/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> delete(HttpRequest<?> request, Authentication auth, String channel, long id, @Nullable String _csrf) {
        return pages.act(request, CurrentUser.of(auth), _csrf, u -> subscriptions.delete(u, channel(channel), id),
                "/ui/alerts", (u, error) -> page(request, u, error, null));
    }

    /** The page's two lists by their path: webhooks, e-mails. */
    private static String channel(String path) {
        return switch (path) {
            case "webhooks" -> Subscriptions.WEBHOOK;
            case "emails" -> Subscriptions.EMAIL;
            default -> throw ApiException.notFound("alert list", path);
        };
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, CurrentUser user, @Nullable PageError error, @Nullable String secret) {
        Map<String, Object> model = new HashMap<>(Map.of("admin", user.has(Role.ADMIN), "eventTypes", List.of(EventType.values()),
                "lists", List.of("webhooks", "emails")));
        if (user.has(Role.ADMIN)) {
            model.put("webhooks", subscriptions.visible(user, Subscriptions.WEBHOOK).stream().map(Row::of).toList());
            model.put("emails", subscriptions.visible(user, Subscriptions.EMAIL).stream().map(Row::of).toList());
        }
        if (error != null) {
            model.put("error", error);
        }
        if (secret != null) {
            model.put("secret", secret);
        }
        return pages.page(request, "alerts", model);
    }
}
