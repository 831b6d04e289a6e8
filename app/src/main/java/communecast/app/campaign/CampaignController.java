package communecast.app.campaign;

import communecast.app.security.CurrentUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Instant;
import java.util.List;

@Controller("/api/campaigns")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class CampaignController {
    private final Campaigns campaigns;
    private final CampaignPlan plan;

    CampaignController(Campaigns campaigns, CampaignPlan plan) {
        this.campaigns = campaigns;
        this.plan = plan;
    }

    @Post
    HttpResponse<Campaign> create(Authentication auth, @Body NewCampaign request) {
        return HttpResponse.created(campaigns.create(CurrentUser.of(auth), request));
    }

    @Get
    List<Campaign> list(Authentication auth) {
        return campaigns.visibleList(CurrentUser.of(auth));
    }

    @Get("/{id}")
    Campaign get(Authentication auth, long id) {
        return campaigns.visible(CurrentUser.of(auth), id);
    }

    @Put("/{id}")
    Campaign edit(Authentication auth, long id, @Body NewCampaign request) {
        return campaigns.edit(CurrentUser.of(auth), id, request);
    }

    @Post("/{id}/revision/discard")
    Campaign discardRevision(Authentication auth, long id) {
        return campaigns.discardRevision(CurrentUser.of(auth), id);
    }

    @Post("/{id}/approve")
    Campaign approve(Authentication auth, long id) {
        return campaigns.approve(CurrentUser.of(auth), id);
    }

    @Post("/{id}/cancel")
    Campaign cancel(Authentication auth, long id) {
        return campaigns.cancel(CurrentUser.of(auth), id);
    }

    @Post("/{id}/submit")
    Campaign submit(Authentication auth, long id) {
        return campaigns.submit(CurrentUser.of(auth), id);
    }

    @Post("/{id}/pause")
    Campaign pause(Authentication auth, long id) {
        return campaigns.pause(CurrentUser.of(auth), id);
    }

    @Post("/{id}/resume")
    Campaign resume(Authentication auth, long id) {
        return campaigns.resume(CurrentUser.of(auth), id);
    }

    @Get("/{id}/history")
    List<HistoryEntry> history(Authentication auth, long id) {
        return campaigns.history(CurrentUser.of(auth), id);
    }

    @Get("/{id}/plan")
    List<CampaignPlan.Entry> plan(Authentication auth, long id, @Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to) {
        return plan.plan(CurrentUser.of(auth), id, from, to);
    }
}
