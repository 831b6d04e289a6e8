package communecast.app.report;

import communecast.app.area.Area;
import communecast.app.area.Areas;
import communecast.app.area.Letterhead;
import communecast.app.area.Letterheads;
import communecast.app.campaign.Campaign;
import communecast.app.campaign.CampaignPlan;
import communecast.app.campaign.Campaigns;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.dispatch.DispatchHorizon;
import communecast.app.playlog.PlayLog;
import communecast.app.playlog.Tallies;
import communecast.app.playlog.Tally;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the reports from the play log, naming devices, communes and campaigns; scope rules as everywhere. */
@Singleton
final class Reports {
    private final Campaigns campaigns;
    private final PlayLog playLog;
    private final Devices devices;
    private final Areas areas;
    private final Letterheads letterheads;
    private final CampaignPlan plan;
    private final DispatchHorizon horizon;
    private final Clock clock;
    private final ZoneId zone;

    Reports(Campaigns campaigns, PlayLog playLog, Devices devices, Areas areas, Letterheads letterheads, CampaignPlan plan,
            DispatchHorizon horizon, Clock clock, ZoneId zone) {
        this.letterheads = letterheads;
        this.campaigns = campaigns;
        this.playLog = playLog;
        this.devices = devices;
        this.areas = areas;
        this.plan = plan;
        this.horizon = horizon;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * A campaign made inside the user's area, whole; or a wider area's campaign that targets the user's area (the
     * province's campaign a commune airs and reports on), on the user's own devices only and from the user's unit.
     * 404 unknown, 403 for a campaign of another area or one that never reached the user's.
     */
    CampaignReport campaign(CurrentUser user, long id) {
        Campaign campaign = campaigns.visible(user, id);
        if (campaigns.inside(user, campaign)) {
            Tallies tallies = playLog.tallies(id);
            return CampaignReport.of(campaign, letterheads.of(campaign.areaId()), tallies, places(devices.byIds(deviceIds(tallies))),
                    playLog.shortfalls(id), outlook(user, campaign));
        }
        Set<Long> mine = Set.copyOf(devices.visibleIds(user));
        Tallies tallies = playLog.tallies(id, mine);
        if (tallies.perDevice().isEmpty() && campaigns.targetDevices(campaign).stream().noneMatch(d -> mine.contains(d.id()))) {
            throw ApiException.forbidden("campaign " + id + " was made by a wider area and does not target yours");
        }
        return CampaignReport.of(campaign, letterheads.of(user.areaId()), tallies, places(devices.byIds(deviceIds(tallies))),
                playLog.shortfalls(id, mine), outlook(user, campaign));
    }

    private static List<Long> deviceIds(Tallies tallies) {
        return tallies.perDevice().stream().map(Tally::deviceId).distinct().toList();
    }

    /**
     * The plan over the whole campaign, from the schedule (the plan endpoint's count), and the part of it not yet
     * made into logs: from dispatch's horizon (or now, for a campaign not yet approved or paused) to its last day.
     * A cancelled or completed campaign has nothing to come.
     */
    private CampaignReport.Outlook outlook(CurrentUser user, Campaign campaign) {
        Instant start = campaign.startDate().atStartOfDay(zone).toInstant();
        Instant end = campaign.endDate().plusDays(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        Instant from = switch (campaign.status()) {
            case CANCELLED, COMPLETED -> end;
            case APPROVED -> later(now, horizon.of(campaign.id()).orElse(now));
            case DRAFT, SUBMITTED, PAUSED -> now;
        };
        return plan.countPlanned(user, campaign, start, end, from)
                .map(count -> new CampaignReport.Outlook(count.planned(), count.since()))
                .orElse(new CampaignReport.Outlook(null, null));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** An area inside the user's area (404 unknown, 403 otherwise), every campaign that aired on its devices. */
    AreaReport area(CurrentUser user, long areaId, Period period) {
        Area area = areas.visible(user, areaId);
        List<Device> inArea = devices.inArea(areaId);
        Tallies tallies = playLog.tallies(inArea.stream().map(Device::id).toList(), period.from(), period.to());
        List<Long> campaignIds = tallies.perCampaign().stream().map(Tally::campaignId).distinct().toList();
        return AreaReport.of(area, period.from(), period.to(), unit(user, area), tallies, places(inArea),
                campaigns.headings(campaignIds));
    }

    private DevicePlaces places(List<Device> named) {
        return new DevicePlaces(named.stream().collect(Collectors.toMap(Device::id, Function.identity())),
                areas.communesOf(named.stream().map(Device::areaId).distinct().toList()));
    }

    /** An area's report is from the user's own unit; from the area's own for a user of the whole country. */
    private Letterhead unit(CurrentUser user, Area area) {
        return letterheads.of(user.areaId() == null ? area.id() : user.areaId());
    }
}
