package communecast.app.report;

import communecast.app.area.Areas;
import communecast.app.campaign.Campaigns;
import communecast.app.security.CurrentUser;
import communecast.app.web.DateBounds;
import communecast.app.web.Pages;
import communecast.app.web.BrowserSession;
import communecast.app.web.Pager;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * Báo cáo: a campaign's report, or an area's over a period across campaigns, in the format the office attaches
 * to its letter. The files come from the API (which reads the page's cookie for a GET), with its checks.
 */
@Controller("/ui/reports")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiReportsController {
    private final Areas areas;
    private final Campaigns campaigns;
    private final Pages pages;
    private final BrowserSession session;
    private final Clock clock;
    private final ZoneId zone;

    UiReportsController(Areas areas, Campaigns campaigns, Pages pages, BrowserSession session, Clock clock, ZoneId zone) {
        this.areas = areas;
        this.campaigns = campaigns;
        this.pages = pages;
        this.session = session;
        this.clock = clock;
        this.zone = zone;
    }

    @Get
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth, @Nullable @QueryValue Long before,
                         @Nullable @QueryValue Long after) {
        CurrentUser user = CurrentUser.of(auth);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Campaigns.Page page = campaigns.visiblePage(user, Campaigns.Listing.ALL, before, after, Pages.PAGE_SIZE);
        return pages.page(request, "reports", Map.of("areas", areas.visibleTree(user),
                "campaigns", page.campaigns(), "pager", Pager.byId("/ui/reports", page.older(), page.newer()), "from", DateBounds.written(today.withDayOfMonth(1)), "to", DateBounds.written(today)));
    }

    /** The area form's target: the area is part of the API's path, which a plain GET form cannot fill. */
    @Get("/area")
    HttpResponse<?> area(HttpRequest<?> request, Authentication auth, @Nullable @QueryValue Long areaId,
                         @Nullable @QueryValue String from, @Nullable @QueryValue String to, @Nullable @QueryValue String format) {
        // The days are checked here, so a mistyped one is a page in the user's words; the scope is the API's.
        Period period = Period.parse(from, to);
        UriBuilder uri = UriBuilder.of("/api/reports/areas/" + (areaId == null ? "0" : areaId))
                .queryParam("format", format == null ? "xlsx" : format).queryParam("lang", session.language(request))
                .queryParam("from", period.from().toString()).queryParam("to", period.to().toString());
        return HttpResponse.seeOther(uri.build());
    }
}
