package communecast.app.campaign;

import communecast.app.security.CurrentUser;
import io.micronaut.core.annotation.Nullable;
import communecast.app.web.ApiException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
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
import java.util.ArrayList;
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

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    /**
     * Newest first, {@code limit} at a time: {@code before} (an id) gives the page after one seen, {@code after} the
     * one before it; a {@code Link} header names the next (older) and previous (newer) pages where there are any.
     */
    @Get
    HttpResponse<List<Campaign>> list(Authentication auth, @Nullable @QueryValue Integer limit, @Nullable @QueryValue Long before,
                                      @Nullable @QueryValue Long after) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.badRequest("BAD_LIMIT", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (before != null && after != null) {
            throw ApiException.badRequest("BAD_PAGE", "give before or after, not both");
        }
        Campaigns.Page page = campaigns.visiblePage(CurrentUser.of(auth), Campaigns.Listing.ALL, before, after, size);
        List<String> links = new ArrayList<>();
        if (page.older() != null) {
            links.add("</api/campaigns?before=" + page.older() + "&limit=" + size + ">; rel=\"next\"");
        }
        if (page.newer() != null) {
            links.add("</api/campaigns?after=" + page.newer() + "&limit=" + size + ">; rel=\"prev\"");
        }
        MutableHttpResponse<List<Campaign>> response = HttpResponse.ok(page.campaigns());
        return links.isEmpty() ? response : response.header(HttpHeaders.LINK, String.join(", ", links));
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
