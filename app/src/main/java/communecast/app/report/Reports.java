package communecast.app.report;

import communecast.app.area.Area;
import communecast.app.area.Areas;
import communecast.app.campaign.Campaign;
import communecast.app.campaign.Campaigns;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.playlog.PlayLog;
import communecast.app.playlog.Tallies;
import communecast.app.playlog.Tally;
import communecast.app.security.CurrentUser;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the reports from the play log, naming devices, communes and campaigns; scope rules as everywhere. */
@Singleton
final class Reports {
    private final Campaigns campaigns;
    private final PlayLog playLog;
    private final Devices devices;
    private final Areas areas;

    Reports(Campaigns campaigns, PlayLog playLog, Devices devices, Areas areas) {
        this.campaigns = campaigns;
        this.playLog = playLog;
        this.devices = devices;
        this.areas = areas;
    }

    /** A campaign made inside the user's area (404 unknown, 403 otherwise). */
    CampaignReport campaign(CurrentUser user, long id) {
        Campaign campaign = campaigns.owned(user, id);
        Tallies tallies = playLog.tallies(id);
        List<Long> deviceIds = tallies.perDevice().stream().map(Tally::deviceId).distinct().toList();
        return CampaignReport.of(campaign, unit(user, campaign), tallies, places(devices.byIds(deviceIds)),
                playLog.shortfalls(id));
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

    /** A campaign's report is from the area that made it. */
    private String unit(CurrentUser user, Campaign campaign) {
        return campaign.areaId() == null ? "CommuneCast" : areas.visible(user, campaign.areaId()).name();
    }

    /** An area's report is from the user's own area; from the area itself for a user of the whole country. */
    private String unit(CurrentUser user, Area area) {
        return user.areaId() == null ? area.name() : areas.visible(user, user.areaId()).name();
    }
}
