package communecast.app.campaign;

import communecast.app.security.CurrentUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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

/** A commune's clashes between campaigns ordered from above, and the order it picks for each (README "Clashes"). */
@Controller("/api/areas/{id}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ClashController {
    static final Duration DEFAULT_RANGE = Duration.ofDays(7);

    private final ClashOrders clashOrders;
    private final Clock clock;

    ClashController(ClashOrders clashOrders, Clock clock) {
        this.clashOrders = clashOrders;
        this.clock = clock;
    }

    /** Default: from now, the next 7 days. */
    @Get("/clashes")
    ClashOrders.View clashes(Authentication auth, long id, @Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to) {
        Instant start = from != null ? from : clock.instant();
        return clashOrders.view(CurrentUser.of(auth), id, start, to != null ? to : start.plus(DEFAULT_RANGE));
    }

    @Post("/clash-orders")
    HttpResponse<ClashOrders.Picked> pick(Authentication auth, long id, @Body ClashOrders.Pick request) {
        return HttpResponse.created(clashOrders.pick(CurrentUser.of(auth), id, request));
    }

    @Delete("/clash-orders/{orderId}")
    HttpResponse<Void> remove(Authentication auth, long id, long orderId) {
        clashOrders.remove(CurrentUser.of(auth), id, orderId);
        return HttpResponse.noContent();
    }
}
