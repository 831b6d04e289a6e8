package communecast.app.campaign;

import communecast.app.area.Areas;
import communecast.app.device.Device;
import communecast.app.device.DeviceKind;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.schedule.CampaignRules;
import communecast.app.schedule.Level;
import communecast.app.schedule.MediaFacts;
import communecast.app.schedule.QuietHours;
import communecast.app.schedule.Target;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads what decides where and when a campaign airs (its rules, its media, its targets' quiet hours) for the
 * schedule's {@link communecast.app.schedule.Airings}, which decides. Each area's quiet hours are read once, and
 * only where they can matter: loudspeakers, below EMERGENCY.
 */
@Singleton
public class AirRules {
    private final Campaigns campaigns;
    private final MediaLibrary media;
    private final Areas areas;

    AirRules(Campaigns campaigns, MediaLibrary media, Areas areas) {
        this.campaigns = campaigns;
        this.media = media;
        this.areas = areas;
    }

    public CampaignRules of(Campaign campaign, List<Device> targets) {
        Map<Long, MediaFacts> facts = media.byIds(campaign.items().stream().map(Campaign.Item::mediaId).distinct().toList()).stream()
                .map(AirRules::facts).collect(Collectors.toMap(MediaFacts::mediaId, Function.identity()));
        Map<Long, QuietHours> quiet = campaign.level() == Level.EMERGENCY ? Map.of()
                : targets.stream().filter(d -> d.kind() == DeviceKind.RADIO).map(Device::areaId).distinct()
                .collect(Collectors.toMap(Function.identity(), areas::quietHoursOf));
        return new CampaignRules(campaign.id(), campaign.level(), campaigns.schedule(campaign),
                targets.stream().map(d -> new Target(d.id(), d.kind(), d.areaId())).toList(), facts, quiet);
    }

    private static MediaFacts facts(MediaItem item) {
        return new MediaFacts(item.id(), item.durationMs() == null ? 0 : item.durationMs(), item.hasAudio());
    }
}
