package communecast.app.campaign;

import communecast.app.area.Areas;
import communecast.app.device.Device;
import communecast.app.device.DeviceKind;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.schedule.CampaignRules;
import communecast.app.schedule.Follow;
import communecast.app.schedule.Level;
import communecast.app.schedule.MediaFacts;
import communecast.app.schedule.QuietHours;
import communecast.app.schedule.Target;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads what decides where and when a campaign airs (its rules, its media, its targets' quiet hours, the
 * campaigns a commune put before it) for the schedule's {@link communecast.app.schedule.Airings}, which decides.
 * Each area's quiet hours are read once, and only where they can matter: loudspeakers, below EMERGENCY.
 */
@Singleton
public class AirRules {
    private final Campaigns campaigns;
    private final MediaLibrary media;
    private final Areas areas;
    private final Jdbi jdbi;

    AirRules(Campaigns campaigns, MediaLibrary media, Areas areas, Jdbi jdbi) {
        this.campaigns = campaigns;
        this.media = media;
        this.areas = areas;
        this.jdbi = jdbi;
    }

    public CampaignRules of(Campaign campaign, List<Device> targets) {
        return rules(campaign, targets, follows(campaign, targets));
    }

    /** The campaigns whose plays depend on this one's: a commune put this one before them. */
    public List<Long> followersOf(long campaignId) {
        return jdbi.onDemand(ClashOrderRepository.class).followersOf(campaignId);
    }

    /** Where a commune put an approved campaign before this one: its plays on the devices of that commune both target. */
    private List<Follow> follows(Campaign campaign, List<Device> targets) {
        if (campaign.level() == Level.EMERGENCY || targets.isEmpty()) {
            return List.of();
        }
        List<Follow> follows = new ArrayList<>();
        for (ClashOrder order : jdbi.onDemand(ClashOrderRepository.class).puttingBefore(campaign.id())) {
            Campaign first = campaigns.find(order.firstCampaignId()).filter(c -> c.status() == CampaignStatus.APPROVED).orElse(null);
            if (first == null) {
                continue;
            }
            Set<Long> commune = new HashSet<>(areas.subtreeIds(order.areaId()));
            Set<Long> theirs = campaigns.targetDevices(first).stream().map(Device::id).collect(Collectors.toSet());
            List<Device> both = targets.stream().filter(d -> commune.contains(d.areaId()) && theirs.contains(d.id())).toList();
            if (!both.isEmpty()) {
                follows.add(new Follow(rules(first, both, List.of()), first.title(), both.stream().map(Device::id).collect(Collectors.toSet())));
            }
        }
        return follows;
    }

    private CampaignRules rules(Campaign campaign, List<Device> targets, List<Follow> follows) {
        Map<Long, MediaFacts> facts = media.byIds(campaign.items().stream().map(Campaign.Item::mediaId).distinct().toList()).stream()
                .map(AirRules::facts).collect(Collectors.toMap(MediaFacts::mediaId, Function.identity()));
        Map<Long, QuietHours> quiet = campaign.level() == Level.EMERGENCY ? Map.of()
                : targets.stream().filter(d -> d.kind() == DeviceKind.RADIO).map(Device::areaId).distinct()
                .collect(Collectors.toMap(Function.identity(), areas::quietHoursOf));
        return new CampaignRules(campaign.id(), campaign.level(), campaigns.schedule(campaign),
                targets.stream().map(d -> new Target(d.id(), d.kind() == DeviceKind.RADIO, d.areaId())).toList(), facts, quiet, follows);
    }

    private static MediaFacts facts(MediaItem item) {
        return new MediaFacts(item.id(), item.durationMs() == null ? 0 : item.durationMs(), item.hasAudio());
    }
}
