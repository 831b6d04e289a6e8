package communecast.app.campaign;

import communecast.app.area.Area;
import communecast.app.area.Areas;
import communecast.app.schedule.Level;
import communecast.app.device.Device;
import communecast.app.device.DeviceGroups;
import communecast.app.device.Devices;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.media.MediaStatus;
import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import communecast.app.web.LocalTimes;
import communecast.app.web.Messages;
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
import io.micronaut.http.annotation.Body;
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

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The campaign list and editor: title, level, dates, legal basis, targets as a tree, items with their
 * rules, and once saved the plan of the next days with overlaps and quiet hours. Saving goes through
 * {@link Campaigns} as the signed-in user, so the API's roles, area scope and validation apply.
 */
@Controller("/ui/campaigns")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiCampaignController {
    private static final List<CampaignStatus> EDITABLE = List.of(CampaignStatus.DRAFT, CampaignStatus.SUBMITTED,
            CampaignStatus.APPROVED, CampaignStatus.PAUSED);

    private final Campaigns campaigns;
    private final CampaignPlan plan;
    private final MediaLibrary media;
    private final Areas areas;
    private final Devices devices;
    private final DeviceGroups groups;
    private final Clock clock;
    private final ZoneId zone;
    private final Pages pages;
    private final BrowserSession session;
    private final LocalTimes times;

    UiCampaignController(Campaigns campaigns, CampaignPlan plan, MediaLibrary media, Areas areas, Devices devices,
                         DeviceGroups groups, Clock clock, ZoneId zone, Pages pages, BrowserSession session,
                         LocalTimes times) {
        this.campaigns = campaigns;
        this.plan = plan;
        this.media = media;
        this.areas = areas;
        this.devices = devices;
        this.groups = groups;
        this.clock = clock;
        this.zone = zone;
        this.pages = pages;
        this.session = session;
        this.times = times;
    }

    @Get
    HttpResponse<?> list(HttpRequest<?> request, Authentication auth, @Nullable @QueryValue Long before,
                         @Nullable @QueryValue Long after) {
        CurrentUser user = CurrentUser.of(auth);
        Campaigns.Page page = campaigns.visiblePage(user, Campaigns.Listing.ALL, before, after, Pages.PAGE_SIZE);
        // "mayEdit" only chooses which buttons to show; Campaigns decides.
        return pages.page(request, "campaigns", Map.of("campaigns", page.campaigns(),
                "pager", Pager.byId("/ui/campaigns", page.older(), page.newer()), "mayEdit", user.has(Role.ADMIN, Role.EDITOR)));
    }

    @Get("/new")
    HttpResponse<?> newCampaign(HttpRequest<?> request, Authentication auth) {
        return editor(request, CurrentUser.of(auth), null, CampaignForm.blank(LocalDate.now(clock.withZone(zone))), null, false);
    }

    /** Saves a new campaign as a draft, or saves and submits it; "add a row" only shows the form again. */
    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, Authentication auth, @Body Map<String, String> fields) {
        pages.requireForm(request, fields.get("_csrf"));
        CurrentUser user = CurrentUser.of(auth);
        CampaignForm form = CampaignForm.parse(fields);
        if ("addItem".equals(fields.get("action"))) {
            return editor(request, user, null, form.withBlankItem(), null, false);
        }
        Campaign created;
        try {
            created = campaigns.create(user, form.toRequest());
        } catch (ApiException e) {
            return editor(request, user, null, form, PageError.of(e), false).status(e.status());
        }
        return submitIfAsked(request, user, created, fields);
    }

    @Get("/{id}/edit")
    HttpResponse<?> edit(HttpRequest<?> request, Authentication auth, long id, @Nullable @QueryValue Boolean saved) {
        CurrentUser user = CurrentUser.of(auth);
        Campaign campaign = campaigns.visible(user, id);
        return editor(request, user, campaign, CampaignForm.of(campaign), null, Boolean.TRUE.equals(saved));
    }

    /**
     * A draft or submitted campaign changes in place; an approved one gets an edit that waits for
     * approval (Campaigns.edit decides, as for PUT /api/campaigns/{id}).
     */
    @Post("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, Authentication auth, long id, @Body Map<String, String> fields) {
        pages.requireForm(request, fields.get("_csrf"));
        CurrentUser user = CurrentUser.of(auth);
        Campaign campaign = campaigns.visible(user, id);
        CampaignForm form = CampaignForm.parse(fields);
        if ("addItem".equals(fields.get("action"))) {
            return editor(request, user, campaign, form.withBlankItem(), null, false);
        }
        Campaign saved;
        try {
            saved = campaigns.edit(user, id, form.toRequest());
        } catch (ApiException e) {
            return editor(request, user, campaign, form, PageError.of(e), false).status(e.status());
        }
        return submitIfAsked(request, user, saved, fields);
    }

    private HttpResponse<?> submitIfAsked(HttpRequest<?> request, CurrentUser user, Campaign saved, Map<String, String> fields) {
        if ("submit".equals(fields.get("action")) && saved.status() == CampaignStatus.DRAFT) {
            try {
                campaigns.submit(user, saved.id());
            } catch (ApiException e) {
                // Saved all the same: the editor shows the stored campaign and why it was not submitted.
                return editor(request, user, saved, CampaignForm.of(saved), PageError.of(e), false).status(e.status());
            }
        }
        return HttpResponse.seeOther(URI.create("/ui/campaigns/" + saved.id() + "/edit?saved=true"));
    }

    /** A commune's villages and devices in the editor's targets, loaded when a province's user opens the commune. */
    @Get("/targets/{communeId}")
    HttpResponse<?> targetsOf(HttpRequest<?> request, Authentication auth, long communeId) {
        CurrentUser user = CurrentUser.of(auth);
        List<Area> inside = areas.visibleSubtree(user, communeId);
        return pages.page(request, "campaign-targets", Map.of("tree", TargetTree.of(inside, true, Set.of(), devices::inAreaIds)));
    }

    /** The targets to pick from: a commune's user gets the whole tree, a province's its communes to open. */
    private TargetTree targets(CurrentUser user, CampaignForm form) {
        List<Area> tree = areas.visibleTree(user);
        boolean wholeTree = areas.inOneCommune(user);
        Set<Long> chosen = new HashSet<>(form.areaIds());
        devices.byIds(form.deviceIds()).forEach(d -> chosen.add(d.areaId()));
        return TargetTree.of(tree, wholeTree, TargetTree.communesHolding(chosen, tree), devices::inAreaIds);
    }

    private MutableHttpResponse<?> editor(HttpRequest<?> request, CurrentUser user, @Nullable Campaign campaign, CampaignForm form,
                                          @Nullable PageError error, boolean saved) {
        List<MediaItem> library = media.visibleList(user).stream().filter(m -> m.status() != MediaStatus.REJECTED).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("media", library);
        // A relay's fallback outside the library list (older than its newest, or deleted) stays chosen, by number.
        model.put("mediaIds", library.stream().map(m -> String.valueOf(m.id())).collect(Collectors.toSet()));
        model.put("tree", targets(user, form));
        model.put("groups", form.groupIds().stream().collect(Collectors.toMap(g -> g, g -> groupName(user, g))));
        // A level the user may not choose stays shown on a campaign that has it: saving says why it is refused.
        List<Level> allowed = campaigns.levelsFor(user);
        model.put("levels", Arrays.stream(Level.values()).filter(l -> l.name().equals(form.level()) || allowed.contains(l)).toList());
        model.put("types", ItemForm.TYPES);
        model.put("days", ItemForm.DAYS);
        model.put("mayEdit", user.has(Role.ADMIN, Role.EDITOR) && (campaign == null || EDITABLE.contains(campaign.status())));
        model.put("saved", saved);
        model.put("action", campaign == null ? "/ui/campaigns" : "/ui/campaigns/" + campaign.id());
        if (campaign != null) {
            model.put("campaign", campaign);
            addPreview(model, user, campaign, library, request);
        }
        if (error != null) {
            model.put("error", error);
        }
        return pages.page(request, "campaign-editor", model);
    }

    /** The plan API's answer for the next days; a plan too large to show says so instead. */
    private void addPreview(Map<String, Object> model, CurrentUser user, Campaign campaign, List<MediaItem> library,
                            HttpRequest<?> request) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        try {
            List<CampaignPlan.Entry> entries = plan.plan(user, campaign.id(), today.atStartOfDay(zone).toInstant(),
                    today.plusDays(PlanPreview.DAYS).atStartOfDay(zone).toInstant());
            List<Device> planned = devices.byIds(entries.stream().map(CampaignPlan.Entry::deviceId).collect(Collectors.toSet()));
            model.put("preview", PlanPreview.of(entries, today, zone, names(planned, Device::id, Device::name),
                    names(library, MediaItem::id, MediaItem::title), Texts.of(session.language(request)),
                    Messages.in(session.language(request), times)));
        } catch (ApiException e) {
            model.put("previewError", PageError.of(e));
        }
    }

    /** A group the user cannot see (a wider area's campaign) is still named, by its number. */
    private String groupName(CurrentUser user, long id) {
        try {
            return groups.visible(user, id).name();
        } catch (ApiException e) {
            return "#" + id;
        }
    }

    private static <T> Map<Long, String> names(List<T> things, Function<T, Long> id, Function<T, String> name) {
        return things.stream().collect(Collectors.toMap(id, name, (a, b) -> a));
    }
}
