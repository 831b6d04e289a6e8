package communecast.app.campaign;

import communecast.app.area.Area;
import communecast.app.area.AreaKind;
import communecast.app.area.Areas;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import communecast.app.web.LocalTimes;
import communecast.app.web.Pages;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Lịch trùng: the clashes on a commune's loudspeakers between bulletins ordered from above, the next 7 days, and
 * the order the commune picks for each, through {@link ClashOrders} as the API's calls do.
 */
@Controller("/ui/clashes")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiClashController {
    private static final Duration AHEAD = Duration.ofDays(7);

    private final ClashOrders clashOrders;
    private final Areas areas;
    private final Pages pages;
    private final Clock clock;
    private final LocalTimes times;

    UiClashController(ClashOrders clashOrders, Areas areas, Pages pages, Clock clock, LocalTimes times) {
        this.clashOrders = clashOrders;
        this.areas = areas;
        this.pages = pages;
        this.clock = clock;
        this.times = times;
    }

    /** A clash as the page shows it: when, in the zone. */
    record Row(ClashOrders.Clash clash, String firstAt) {
    }

    record Order(ClashOrders.Picked picked, String pickedAt) {
    }

    @Get
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth, @Nullable @QueryValue Long areaId) {
        return page(request, CurrentUser.of(auth), areaId, null);
    }

    @Post("/pick")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> pick(HttpRequest<?> request, Authentication auth, long areaId, long first, long then, @Nullable String _csrf) {
        return act(request, auth, areaId, _csrf, user -> clashOrders.pick(user, areaId, new ClashOrders.Pick(first, then)));
    }

    @Post("/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> remove(HttpRequest<?> request, Authentication auth, long areaId, long orderId, @Nullable String _csrf) {
        return act(request, auth, areaId, _csrf, user -> clashOrders.remove(user, areaId, orderId));
    }

    private HttpResponse<?> act(HttpRequest<?> request, Authentication auth, long areaId, @Nullable String csrf,
                                Consumer<CurrentUser> action) {
        return pages.act(request, CurrentUser.of(auth), csrf, action, "/ui/clashes?areaId=" + areaId, (user, error) -> page(request, user, areaId, error));
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, CurrentUser user, @Nullable Long areaId, @Nullable PageError error) {
        List<Area> communes = areas.visibleTree(user).stream().filter(a -> a.kind() == AreaKind.COMMUNE).toList();
        Long chosen = areaId != null ? areaId : user.areaId() != null && communes.stream().anyMatch(a -> a.id() == user.areaId())
                ? user.areaId() : communes.isEmpty() ? null : communes.getFirst().id();
        Map<String, Object> model = new HashMap<>(Map.of("communes", communes));
        if (chosen != null) {
            try {
                Instant now = clock.instant();
                ClashOrders.View view = clashOrders.view(user, chosen, now, now.plus(AHEAD));
                model.put("view", view);
                model.put("rows", view.clashes().stream().map(c -> new Row(c, times.minute(c.firstAt()))).toList());
                model.put("orders", view.orders().stream().map(o -> new Order(o, times.minute(o.pickedAt()))).toList());
            } catch (ApiException e) {
                error = error != null ? error : PageError.of(e);
            }
        }
        if (error != null) {
            model.put("error", error);
        }
        return pages.page(request, "clashes", model);
    }
}
