package communecast.app.campaign;

import communecast.app.area.Areas;
import communecast.app.device.Device;
import communecast.app.device.DeviceGroups;
import communecast.app.device.Devices;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.media.MediaStatus;
import communecast.app.schedule.Schedule;
import communecast.app.schedule.Level;
import communecast.app.security.Approvers;
import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Campaign model and workflow: create, submit, approve, pause, resume, cancel, each recorded. What airs when is the schedule room's answer. */
@Singleton
public class Campaigns {
    private final Jdbi jdbi;
    private final Approvers approvers;
    private final JsonMapper json;
    private final Areas areas;
    private final Devices devices;
    private final DeviceGroups groups;
    private final MediaLibrary media;
    private final ApplicationEventPublisher<Object> events;
    private final Clock clock;

    Campaigns(Jdbi jdbi, JsonMapper json, Areas areas, Devices devices, DeviceGroups groups, MediaLibrary media,
              Approvers approvers, ApplicationEventPublisher<Object> events, Clock clock) {
        this.jdbi = jdbi;
        this.approvers = approvers;
        this.json = json;
        this.areas = areas;
        this.devices = devices;
        this.groups = groups;
        this.media = media;
        this.events = events;
        this.clock = clock;
    }

    public Campaign create(CurrentUser user, NewCampaign request) {
        user.require(Role.ADMIN, Role.EDITOR);
        new CampaignValidation(user, areas, devices, groups, media).checkPlanned(request);
        long id = jdbi.inTransaction(handle -> {
            long created = insert(handle, user, request);
            handle.attach(CampaignRepository.class).record(created, "CREATED", user.id(), user.username(), clock.instant());
            return created;
        });
        return find(id).orElseThrow();
    }

    /**
     * An emergency airs at once: no approval queue (who started it and when is recorded), approved by its
     * author and dispatched before this returns.
     */
    public Campaign startEmergency(CurrentUser user, NewCampaign request, Instant playUntil) {
        user.require(Role.ADMIN, Role.EDITOR, Role.APPROVER);
        new CampaignValidation(user, areas, devices, groups, media).check(request);
        requireMediaReady(needed(itemMedia(request)));
        long id = jdbi.inTransaction(handle -> {
            long created = insert(handle, user, request);
            CampaignRepository repo = handle.attach(CampaignRepository.class);
            repo.playUntil(created, playUntil);
            repo.approve(created, user.id(), clock.instant());
            repo.record(created, "EMERGENCY", user.id(), user.username(), clock.instant());
            return created;
        });
        events.publishEvent(new CampaignEvents.Approved(id));
        return find(id).orElseThrow();
    }

    /** The levels this user may plan a campaign at, for the editor's choice. */
    public List<Level> levelsFor(CurrentUser user) {
        CampaignValidation validation = new CampaignValidation(user, areas, devices, groups, media);
        return Arrays.stream(Level.values()).filter(level -> validation.levelRefusal(level) == null).toList();
    }

    /**
     * A draft or submitted campaign is changed in place. An approved (or paused) one gets a new revision
     * that waits for approval while the approved version keeps airing; a second edit before that replaces it.
     */
    public Campaign edit(CurrentUser user, long id, NewCampaign request) {
        user.require(Role.ADMIN, Role.EDITOR);
        Campaign campaign = owned(user, id);
        requireStatus(campaign, CampaignStatus.DRAFT, CampaignStatus.SUBMITTED, CampaignStatus.APPROVED, CampaignStatus.PAUSED);
        new CampaignValidation(user, areas, devices, groups, media).checkPlanned(request);
        jdbi.useTransaction(handle -> {
            if (campaign.status() == CampaignStatus.DRAFT || campaign.status() == CampaignStatus.SUBMITTED) {
                replaceContent(handle, id, request, campaign.revision(), List.of(CampaignStatus.DRAFT, CampaignStatus.SUBMITTED));
                handle.attach(CampaignRepository.class).record(id, "EDITED", user.id(), user.username(), clock.instant());
                return;
            }
            RevisionRepository revisions = handle.attach(RevisionRepository.class);
            Optional<RevisionRepository.Row> pending = revisions.pending(id);
            if (pending.isPresent()) {
                if (revisions.replace(pending.get().id(), writeJson(request), user.id(), clock.instant()) != 1) {
                    throw changedMeanwhile(id);
                }
            } else {
                revisions.insert(id, campaign.revision() + 1, writeJson(request), user.id(), clock.instant());
            }
            handle.attach(CampaignRepository.class).record(id, "REVISED", user.id(), user.username(), clock.instant());
        });
        return find(id).orElseThrow();
    }

    /** Approves a draft or submitted campaign, or the edit awaiting approval on an approved (or paused) one. */
    public Campaign approve(CurrentUser user, long id) {
        user.require(Role.ADMIN, Role.APPROVER);
        Campaign campaign = owned(user, id);
        ApiException refusal = approvalRefusal(user, campaign);
        if (refusal != null) {
            throw refusal;
        }
        if (campaign.pendingRevision() != null) {
            return approveRevision(user, campaign);
        }
        requireMediaReady(needed(itemMedia(campaign)));
        if (repo().approve(id, user.id(), clock.instant()) != 1) {
            throw changedMeanwhile(id);
        }
        repo().record(id, "APPROVED", user.id(), user.username(), clock.instant());
        events.publishEvent(new CampaignEvents.Approved(id));
        return find(id).orElseThrow();
    }

    /**
     * Whether {@link #approve} would take this user's approval of this campaign, short of its media being
     * ready: the approval queue lists what its reader may approve by the same rules.
     */
    public boolean mayApprove(CurrentUser user, Campaign campaign) {
        return user.has(Role.ADMIN, Role.APPROVER) && inside(user, campaign)
                && approvalRefusal(user, campaign) == null;
    }

    /** Why the status or four eyes refuse this approval, or null. */
    private ApiException approvalRefusal(CurrentUser user, Campaign campaign) {
        if (campaign.pendingRevision() != null) {
            return secondPersonRefusal(user, campaign, campaign.pendingRevision().createdBy(), "an edit is approved by someone other than its author");
        }
        if (campaign.status() != CampaignStatus.DRAFT && campaign.status() != CampaignStatus.SUBMITTED) {
            return statusRefusal(campaign, CampaignStatus.DRAFT, CampaignStatus.SUBMITTED);
        }
        return secondPersonRefusal(user, campaign, campaign.createdBy(), "a campaign is approved by someone other than its author");
    }

    private Campaign approveRevision(CurrentUser user, Campaign campaign) {
        Campaign.PendingRevision revision = campaign.pendingRevision();
        NewCampaign changes = revision.changes();
        requireMediaReady(needed(itemMedia(changes)));
        long id = campaign.id();
        jdbi.useTransaction(handle -> {
            RevisionRepository revisions = handle.attach(RevisionRepository.class);
            long revisionId = revisions.pending(id).filter(r -> r.number() == revision.number())
                    .orElseThrow(() -> changedMeanwhile(id)).id();
            if (revisions.decide(revisionId, "APPROVED", user.id(), clock.instant()) != 1) {
                throw changedMeanwhile(id);
            }
            replaceContent(handle, id, changes, revision.number(), List.of(CampaignStatus.APPROVED, CampaignStatus.PAUSED));
            handle.attach(CampaignRepository.class).record(id, "REVISION_APPROVED", user.id(), user.username(), clock.instant());
        });
        // The level and a relay's fallback travel in the order: a device holding the old one gets a new order.
        boolean ordersChanged = changes.level() != campaign.level()
                || !fallbacks(itemMedia(campaign)).equals(fallbacks(itemMedia(changes)));
        events.publishEvent(new CampaignEvents.Revised(id, revision.number(), ordersChanged));
        return find(id).orElseThrow();
    }

    /** Drops the edit awaiting approval; the approved campaign airs on unchanged. */
    public Campaign discardRevision(CurrentUser user, long id) {
        user.require(Role.ADMIN, Role.EDITOR, Role.APPROVER);
        Campaign campaign = owned(user, id);
        if (campaign.pendingRevision() == null) {
            throw ApiException.conflict("NO_PENDING_REVISION", "campaign " + id + " has no edit awaiting approval");
        }
        jdbi.useTransaction(handle -> {
            RevisionRepository revisions = handle.attach(RevisionRepository.class);
            RevisionRepository.Row pending = revisions.pending(id).orElseThrow(() -> changedMeanwhile(id));
            if (revisions.decide(pending.id(), "DISCARDED", user.id(), clock.instant()) != 1) {
                throw changedMeanwhile(id);
            }
            handle.attach(CampaignRepository.class).record(id, "REVISION_DISCARDED", user.id(), user.username(), clock.instant());
        });
        return find(id).orElseThrow();
    }

    public Campaign cancel(CurrentUser user, long id) {
        user.require(Role.ADMIN, Role.EDITOR, Role.APPROVER);
        Campaign campaign = owned(user, id);
        requireStatus(campaign, CampaignStatus.DRAFT, CampaignStatus.SUBMITTED, CampaignStatus.APPROVED, CampaignStatus.PAUSED);
        if (repo().cancel(id, user.id(), clock.instant()) != 1) {
            throw changedMeanwhile(id);
        }
        repo().record(id, "CANCELLED", user.id(), user.username(), clock.instant());
        events.publishEvent(new CampaignEvents.Cancelled(id));
        return find(id).orElseThrow();
    }

    /** DRAFT → SUBMITTED: into the approval queue (hàng chờ duyệt). */
    public Campaign submit(CurrentUser user, long id) {
        user.require(Role.ADMIN, Role.EDITOR);
        return move(user, id, CampaignStatus.DRAFT, CampaignStatus.SUBMITTED, "SUBMITTED", null);
    }

    /** APPROVED → PAUSED: plays not yet aired are withdrawn from every device until RESUME. */
    Campaign pause(CurrentUser user, long id) {
        user.require(Role.ADMIN, Role.EDITOR, Role.APPROVER);
        return move(user, id, CampaignStatus.APPROVED, CampaignStatus.PAUSED, "PAUSED", new CampaignEvents.Paused(id));
    }

    /**
     * PAUSED → APPROVED: airs again from now on; what fell in the pause is not made up. Putting it back on air
     * is an approval: an approver's, not its author's (anyone may pause).
     */
    Campaign resume(CurrentUser user, long id) {
        user.require(Role.ADMIN, Role.APPROVER);
        Campaign campaign = owned(user, id);
        ApiException refusal = secondPersonRefusal(user, campaign, campaign.createdBy(), "a paused campaign is resumed by someone other than its author");
        if (refusal != null) {
            throw refusal;
        }
        return move(user, id, CampaignStatus.PAUSED, CampaignStatus.APPROVED, "RESUMED", new CampaignEvents.Resumed(id));
    }

    public List<HistoryEntry> history(CurrentUser user, long id) {
        visible(user, id);
        return repo().history(id);
    }

    private Campaign move(CurrentUser user, long id, CampaignStatus from, CampaignStatus to, String action, Object event) {
        requireStatus(owned(user, id), from);
        if (repo().move(id, from, to) != 1) {
            throw changedMeanwhile(id);
        }
        repo().record(id, action, user.id(), user.username(), clock.instant());
        if (event != null) {
            events.publishEvent(event);
        }
        return find(id).orElseThrow();
    }

    /** Four eyes: the author does not approve their own work, whatever their role ({@link Approvers} says the one exception). */
    private ApiException secondPersonRefusal(CurrentUser user, Campaign campaign, long authorId, String message) {
        return authorId == user.id() && !approvers.mayApproveOwn(user, campaign.areaId()) ? ApiException.forbidden(message) : null;
    }

    /** Each item's medium and its fallback's (null for none), of a stored campaign or of an edit alike. */
    private static List<List<Long>> itemMedia(Campaign campaign) {
        return campaign.items().stream().map(i -> Arrays.asList(i.mediaId(), i.fallbackMediaId())).toList();
    }

    private static List<List<Long>> itemMedia(NewCampaign request) {
        return request.items().stream().map(i -> Arrays.asList(i.mediaId(), i.fallbackMediaId())).toList();
    }

    /** What airing these items needs ready: each medium, and each fallback. */
    private static List<Long> needed(List<List<Long>> itemMedia) {
        return itemMedia.stream().flatMap(List::stream).filter(Objects::nonNull).distinct().toList();
    }

    /** The relays' (medium, fallback) pairs. */
    private static Set<List<Long>> fallbacks(List<List<Long>> itemMedia) {
        return itemMedia.stream().filter(pair -> pair.get(1) != null).collect(Collectors.toSet());
    }

    private void requireMediaReady(List<Long> mediaIds) {
        for (MediaItem m : media.byIds(mediaIds)) {
            if (m.status() != MediaStatus.READY) {
                throw ApiException.conflict("MEDIA_NOT_READY", "media " + m.id() + " is " + m.status() + (m.error() == null ? "" : " (" + m.error() + ")"));
            }
        }
    }

    private static ApiException changedMeanwhile(long id) {
        return ApiException.conflict("BAD_STATUS", "campaign " + id + " changed meanwhile; reload it");
    }

    public Campaign visible(CurrentUser user, long id) {
        Campaign campaign = find(id).orElseThrow(() -> ApiException.notFound("campaign", id));
        if (!areas.shares(user, campaign.areaId())) {
            throw ApiException.forbidden("campaign " + id + " belongs to another area");
        }
        return campaign;
    }

    /** Which campaigns a list shows. */
    public enum Listing {
        ALL("TRUE"),
        /** The approval queue's. */
        AWAITING_APPROVAL(CampaignRepository.AWAITING_APPROVAL);

        private final String sql;

        Listing(String sql) {
            this.sql = sql;
        }
    }

    /**
     * One page of the campaigns the user sees, newest first: those with ids below {@code before}, or if
     * {@code after} is given the {@code size} just above it. {@code older} and {@code newer} are the ids to give
     * as {@code before} and {@code after} for the next pages, null where there is none.
     */
    public record Page(List<Campaign> campaigns, Long older, Long newer) {
    }

    public Page visiblePage(CurrentUser user, Listing listing, Long before, Long after, int size) {
        Set<Long> owners = areas.sharingAreaIds(user);
        boolean everyone = owners == null;
        Collection<Long> ownerIds = everyone ? List.of() : owners;
        // One row more than the page tells whether there is more that way.
        if (after != null) {
            List<CampaignRepository.Row> rows = repo().newerVisible(everyone, ownerIds, listing.sql, after, size + 1);
            List<CampaignRepository.Row> shown = new ArrayList<>(rows.subList(0, Math.min(size, rows.size())));
            Collections.reverse(shown);
            Long older = shown.isEmpty() ? after + 1 : shown.getLast().id();
            return new Page(assemble(shown), older, rows.size() > size ? shown.getFirst().id() : null);
        }
        List<CampaignRepository.Row> rows = repo().olderVisible(everyone, ownerIds, listing.sql, before == null ? Long.MAX_VALUE : before, size + 1);
        List<CampaignRepository.Row> shown = rows.subList(0, Math.min(size, rows.size()));
        Long newer = before == null ? null : shown.isEmpty() ? before - 1 : shown.getFirst().id();
        return new Page(assemble(shown), rows.size() > size ? shown.getLast().id() : null, newer);
    }

    /** How many campaigns the user sees in this listing, without reading them. */
    public long countVisible(CurrentUser user, Listing listing) {
        Set<Long> owners = areas.sharingAreaIds(user);
        return repo().countVisible(owners == null, owners == null ? List.of() : owners, listing.sql);
    }

    public Optional<Campaign> find(long id) {
        return jdbi.withHandle(handle -> handle.attach(CampaignRepository.class).find(id)
                .map(row -> assemble(handle, List.of(row)).getFirst()));
    }

    /** Title, legal basis and level of each of these campaigns: for a report that lists many, in one query. */
    public List<Campaign.Heading> headings(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : repo().headings(ids);
    }

    public List<Long> approvedIds() {
        return repo().approvedIds();
    }

    /** Of these items, the relays that name a fallback: item id → the fallback's media id. */
    public Map<Long, Long> fallbacks(Collection<Long> itemIds) {
        return itemIds.isEmpty() ? Map.of() : repo().fallbacks(itemIds);
    }

    /** Campaigns that air, or will again when resumed: APPROVED and PAUSED. */
    public List<Long> airingIds() {
        return repo().airingIds();
    }

    /**
     * A campaign the user may change or report on: made inside their area. Seeing one is wider (a commune
     * sees the province's campaigns), acting on one is not (a commune cannot cancel the province's).
     */
    public Campaign owned(CurrentUser user, long id) {
        Campaign campaign = visible(user, id);
        if (!inside(user, campaign)) {
            throw ApiException.forbidden("campaign " + id + " was made by a wider area; only that area may act on it");
        }
        return campaign;
    }

    /** Made inside the user's area: theirs to act on and to report on whole. */
    public boolean inside(CurrentUser user, Campaign campaign) {
        return campaign.areaId() == null ? user.areaId() == null : areas.inScope(user, campaign.areaId());
    }

    /** Every device the campaign targets now: its areas (with all below), its devices, its groups' members. */
    public List<Device> targetDevices(Campaign campaign) {
        List<Long> deviceIds = new ArrayList<>(campaign.targets().devices());
        deviceIds.addAll(groups.members(campaign.targets().groups()));
        return devices.resolveTargets(campaign.targets().areas(), deviceIds);
    }

    /**
     * {@link #targetDevices} among these devices only (a commune's), told from their areas' paths: a province-wide
     * campaign's thousands of devices are not read for them.
     */
    public List<Device> targetDevicesAmong(Campaign campaign, Collection<Device> among) {
        Set<Long> named = new HashSet<>(campaign.targets().devices());
        named.addAll(groups.members(campaign.targets().groups()));
        Set<Long> targetAreas = Set.copyOf(campaign.targets().areas());
        Map<Long, List<Long>> lines = targetAreas.isEmpty() ? Map.of() : areas.linesOf(among.stream().map(Device::areaId).collect(Collectors.toSet()));
        return among.stream().filter(d -> d.retiredAt() == null && (named.contains(d.id())
                        || lines.getOrDefault(d.areaId(), List.of()).stream().anyMatch(targetAreas::contains)))
                .sorted(Comparator.comparingLong(Device::id)).toList();
    }

    /** The campaign's rules as the schedule room reads them. */
    public Schedule schedule(Campaign campaign) {
        return new Schedule(campaign.startDate(), campaign.endDate(), new HashSet<>(campaign.excludedDates()),
                campaign.items().stream().map(i -> new Schedule.Item(i.id(), i.mediaId(), i.rule().toRule())).toList());
    }

    private long insert(Handle handle, CurrentUser user, NewCampaign request) {
        long id = handle.attach(CampaignRepository.class).insert(request, user.areaId(), user.id(), clock.instant());
        insertContent(handle, id, request);
        return id;
    }

    /** New items get new ids; broadcast logs keep theirs (dispatch re-points the plays still wanted). */
    private void replaceContent(Handle handle, long id, NewCampaign request, int revision, List<CampaignStatus> statuses) {
        CampaignRepository repo = handle.attach(CampaignRepository.class);
        if (repo.update(id, request, revision, statuses) != 1) {
            throw changedMeanwhile(id);
        }
        repo.deleteItems(id);
        repo.deleteTargets(id);
        repo.deleteExcludedDates(id);
        insertContent(handle, id, request);
    }

    private void insertContent(Handle handle, long id, NewCampaign request) {
        CampaignRepository repo = handle.attach(CampaignRepository.class);
        for (int i = 0; i < request.items().size(); i++) {
            NewCampaign.Item item = request.items().get(i);
            repo.insertItem(id, i, item.mediaId(), writeJson(item.rule()), item.fallbackMediaId());
        }
        repo.insertAreaTargets(id, request.targets().areas());
        repo.insertDeviceTargets(id, request.targets().devices());
        repo.insertGroupTargets(id, request.targets().groups());
        repo.insertExcludedDates(id, orEmpty(request.excludedDates()));
    }

    private List<Campaign> assemble(List<CampaignRepository.Row> rows) {
        return rows.isEmpty() ? List.of() : jdbi.withHandle(handle -> assemble(handle, rows));
    }

    /** Items, targets, excluded dates and pending edits of all the rows in one query each. */
    private List<Campaign> assemble(Handle handle, List<CampaignRepository.Row> rows) {
        CampaignRepository repo = handle.attach(CampaignRepository.class);
        List<Long> ids = rows.stream().map(CampaignRepository.Row::id).toList();
        Map<Long, List<CampaignRepository.TargetRow>> targets = repo.targets(ids).stream()
                .collect(Collectors.groupingBy(CampaignRepository.TargetRow::campaignId));
        Map<Long, List<CampaignRepository.ItemRow>> items = repo.items(ids).stream()
                .collect(Collectors.groupingBy(CampaignRepository.ItemRow::campaignId));
        Map<Long, List<LocalDate>> excluded = repo.excludedDates(ids).stream().collect(Collectors.groupingBy(
                CampaignRepository.ExcludedRow::campaignId, Collectors.mapping(CampaignRepository.ExcludedRow::day, Collectors.toList())));
        Map<Long, RevisionRepository.Row> pending = handle.attach(RevisionRepository.class).pending(ids).stream()
                .collect(Collectors.toMap(RevisionRepository.Row::campaignId, Function.identity()));
        return rows.stream().map(row -> {
            List<CampaignRepository.TargetRow> own = targets.getOrDefault(row.id(), List.of());
            return new Campaign(row.id(), row.title(), row.legalBasis(), row.level(), row.status(), row.startDate(), row.endDate(),
                    excluded.getOrDefault(row.id(), List.of()),
                    new Campaign.Targets(
                            own.stream().map(CampaignRepository.TargetRow::areaId).filter(Objects::nonNull).toList(),
                            own.stream().map(CampaignRepository.TargetRow::deviceId).filter(Objects::nonNull).toList(),
                            own.stream().map(CampaignRepository.TargetRow::groupId).filter(Objects::nonNull).toList()),
                    items.getOrDefault(row.id(), List.of()).stream()
                            .map(i -> new Campaign.Item(i.id(), i.mediaId(), readJson(i.ruleJson(), RuleSpec.class), i.fallbackMediaId())).toList(),
                    row.areaId(), row.createdBy(), row.createdAt(), row.approvedBy(), row.approvedAt(), row.revision(),
                    pendingRevision(pending.get(row.id()), row), row.playUntil());
        }).toList();
    }

    /** Shown only while it can still be approved: a cancelled or completed campaign has nothing pending. */
    private Campaign.PendingRevision pendingRevision(RevisionRepository.Row pending, CampaignRepository.Row row) {
        if (pending == null || (row.status() != CampaignStatus.APPROVED && row.status() != CampaignStatus.PAUSED)) {
            return null;
        }
        return new Campaign.PendingRevision(pending.number(), pending.createdBy(), pending.username(), pending.createdAt(),
                readJson(pending.bodyJson(), NewCampaign.class));
    }

    private static void requireStatus(Campaign campaign, CampaignStatus... allowed) {
        if (!List.of(allowed).contains(campaign.status())) {
            throw statusRefusal(campaign, allowed);
        }
    }

    private static ApiException statusRefusal(Campaign campaign, CampaignStatus... allowed) {
        return ApiException.conflict("BAD_STATUS", "campaign " + campaign.id() + " is " + campaign.status() + "; this needs " + List.of(allowed));
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T readJson(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored " + type.getSimpleName() + " is not readable: " + stored, e);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private CampaignRepository repo() {
        return jdbi.onDemand(CampaignRepository.class);
    }
}
