package communecast.app.playlog;

import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Instant;
import java.util.List;

@Controller("/api/broadcast-logs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class BroadcastLogController {
    private final BroadcastLogQuery query;

    BroadcastLogController(BroadcastLogQuery query) {
        this.query = query;
    }

    @Get
    List<BroadcastLog> find(Authentication auth, @Nullable @QueryValue Long campaignId, @Nullable @QueryValue Long areaId,
                            @Nullable @QueryValue Long deviceId, @Nullable @QueryValue LogStatus status,
                            @Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to,
                            @Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer offset,
                            @Nullable @QueryValue String order) {
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw ApiException.badRequest("BAD_ORDER", "order is asc (oldest first, the default) or desc (newest first), not '" + order + "'");
        }
        return query.find(CurrentUser.of(auth), new BroadcastLogQuery.Filter(campaignId, areaId, deviceId, status, from, to, limit,
                offset == null ? 0 : offset, "desc".equals(order)));
    }
}
