package communecast.app.campaign;

import communecast.app.area.Area;
import communecast.app.area.Areas;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.security.CurrentUser;
import communecast.app.web.Link;
import communecast.app.web.LocalTimes;
import communecast.app.web.Pages;
import communecast.app.web.BrowserSession;
import communecast.app.web.PageError;
import communecast.app.web.Pager;
import communecast.app.web.Texts;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The approval queue (hàng chờ duyệt): submitted campaigns and edits of approved ones. Approve, reject
 * (cancel) and discard-an-edit go through {@link Campaigns} as the signed-in user, as the API's calls do.
 */
@Controller("/ui")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiApprovalController {

    private final Campaigns campaigns;
    private final LocalTimes times;
    private final Pages pages;
    private final BrowserSession session;
    private final Areas areas;
    private final Devices devices;
    private final MediaLibrary media;

    UiApprovalController(Campaigns campaigns, LocalTimes times, Pages pages, BrowserSession session, Areas areas, Devices devices,
                         MediaLibrary media) {
        this.areas = areas;
        this.devices = devices;
        this.media = media;
        this.campaigns = campaigns;
        this.times = times;
        this.pages = pages;
        this.session = session;
    }

    /** One row of the queue: what awaits, written by whom, since when; where it airs and which bulletins, by name. */
    record Awaiting(Campaign campaign, String what, String author, String since, boolean revision, List<Link> where, List<Link> bulletins) {
    }

    /** The names the rows of one page need, each read once for the page. */
    private record Names(Map<Long, String> areas, Map<Long, String> devices, Map<Long, String> media) {
        List<Link> where(Campaign.Targets targets, Map<String, String> t) {
            List<Link> parts = new ArrayList<>();
            listed(targets.areaIds()).forEach(id -> parts.add(Link.area(id, areas.getOrDefault(id, "#" + id))));
            listed(targets.deviceIds()).forEach(id -> parts.add(Link.device(id, devices.getOrDefault(id, "#" + id))));
            if (!listed(targets.groupIds()).isEmpty()) {
                parts.add(Link.text(targets.groupIds().size() + " " + t.get("groupsCount")));
            }
            return parts;
        }

        List<Link> bulletins(Campaign c) {
            return c.items().stream().map(Campaign.Item::mediaId).distinct()
                    .map(id -> Link.media(id, media.getOrDefault(id, "#" + id))).toList();
        }

        private static List<Long> listed(@Nullable List<Long> ids) {
            return ids == null ? List.of() : ids;
        }
    }

    @Get("/approvals")
    HttpResponse<?> queue(HttpRequest<?> request, Authentication auth, @Nullable @QueryValue Long before,
                          @Nullable @QueryValue Long after) {
        return page(request, CurrentUser.of(auth), null, before, after);
    }

    @Post("/campaigns/{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> approve(HttpRequest<?> request, Authentication auth, long id, @Nullable String _csrf) {
        return act(request, auth, _csrf, user -> campaigns.approve(user, id));
    }

    /** Rejecting a submitted campaign cancels it (the API's cancel); the author may write a new one. */
    @Post("/campaigns/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> reject(HttpRequest<?> request, Authentication auth, long id, @Nullable String _csrf) {
        return act(request, auth, _csrf, user -> campaigns.cancel(user, id));
    }

    @Post("/campaigns/{id}/revision/discard")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> discardRevision(HttpRequest<?> request, Authentication auth, long id, @Nullable String _csrf) {
        return act(request, auth, _csrf, user -> campaigns.discardRevision(user, id));
    }

    private HttpResponse<?> act(HttpRequest<?> request, Authentication auth, @Nullable String csrf, Consumer<CurrentUser> action) {
        return pages.act(request, CurrentUser.of(auth), csrf, action, "/ui/approvals", (user, error) -> page(request, user, error, null, null));
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, CurrentUser user, @Nullable PageError error, @Nullable Long before,
                                        @Nullable Long after) {
        Map<String, String> t = Texts.of(session.language(request));
        Campaigns.Page page = campaigns.visiblePage(user, Campaigns.Listing.AWAITING_APPROVAL, before, after, Pages.PAGE_SIZE);
        Names names = names(user, page.campaigns());
        Map<Boolean, List<Awaiting>> byApprover = page.campaigns().stream().collect(Collectors.partitioningBy(
                c -> campaigns.mayApprove(user, c), Collectors.mapping(c -> row(user, c, t, names), Collectors.toList())));
        Map<String, Object> model = new HashMap<>(Map.of("mine", byApprover.get(true), "others", byApprover.get(false),
                "pager", Pager.byId("/ui/approvals", page.older(), page.newer())));
        if (error != null) {
            model.put("error", error);
        }
        return pages.page(request, "approvals", model);
    }

    private Names names(CurrentUser user, List<Campaign> shown) {
        Set<Long> deviceIds = shown.stream().flatMap(c -> Names.listed(c.targets().deviceIds()).stream()).collect(Collectors.toSet());
        Set<Long> mediaIds = shown.stream().flatMap(c -> c.items().stream().map(Campaign.Item::mediaId)).collect(Collectors.toSet());
        return new Names(areas.visibleTree(user).stream().collect(Collectors.toMap(Area::id, Area::name)),
                devices.byIds(deviceIds).stream().collect(Collectors.toMap(Device::id, Device::name)),
                media.byIds(mediaIds).stream().collect(Collectors.toMap(MediaItem::id, MediaItem::title)));
    }

    private Awaiting row(CurrentUser user, Campaign c, Map<String, String> t, Names names) {
        List<Link> where = names.where(c.targets(), t);
        List<Link> bulletins = names.bulletins(c);
        Campaign.PendingRevision revision = c.pendingRevision();
        if (revision != null) {
            return new Awaiting(c, t.get("revisionOf") + " " + revision.number(), revision.createdByName(), when(revision.createdAt()), true,
                    where, bulletins);
        }
        List<HistoryEntry> history = campaigns.history(user, c.id());
        String author = history.stream().filter(h -> "CREATED".equals(h.action())).map(HistoryEntry::username).findFirst().orElse("");
        Instant since = history.stream().filter(h -> "SUBMITTED".equals(h.action())).map(HistoryEntry::at)
                .reduce((earlier, later) -> later).orElse(c.createdAt());
        return new Awaiting(c, t.get("newSubmission"), author, when(since), false, where, bulletins);
    }

    private String when(Instant at) {
        return times.minute(at);
    }
}
