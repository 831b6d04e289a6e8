package communecast.app.website;

import communecast.app.area.Area;
import communecast.app.area.Areas;
import communecast.app.campaign.Campaign;
import communecast.app.campaign.CampaignStatus;
import communecast.app.campaign.Campaigns;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the unit's website shows of an area, without a login: the media staff marked public, ready, in a campaign
 * that is approved and within its days now and airs on the area's devices. Nothing else (a draft, a cancelled or
 * paused campaign, a medium not marked public, another area's) is reachable here.
 */
@Singleton
public final class PublicBulletins {
    /** A medium on the page, with the campaign it belongs to. */
    public record Shown(MediaItem media, String campaignTitle) {
    }

    private final Areas areas;
    private final Devices devices;
    private final Campaigns campaigns;
    private final MediaLibrary library;
    private final Clock clock;
    private final ZoneId zone;

    PublicBulletins(Areas areas, Devices devices, Campaigns campaigns, MediaLibrary library, Clock clock, ZoneId zone) {
        this.areas = areas;
        this.devices = devices;
        this.campaigns = campaigns;
        this.library = library;
        this.clock = clock;
        this.zone = zone;
    }

    public Optional<Area> area(String code) {
        return areas.byCode(code);
    }

    /** The area's public media, newest campaign first, each once. */
    public List<Shown> of(Area area) {
        List<Device> here = devices.inAreaIds(areas.subtreeIds(area.id()));
        Map<Long, Shown> shown = new LinkedHashMap<>();
        for (Campaign campaign : airingNow()) {
            List<MediaItem> published = published(campaign);
            if (!published.isEmpty() && !campaigns.targetDevicesAmong(campaign, here).isEmpty()) {
                published.forEach(m -> shown.putIfAbsent(m.id(), new Shown(m, campaign.title())));
            }
        }
        return List.copyOf(shown.values());
    }

    /** A medium the website may play: public and on the page of some area now. */
    public Optional<MediaItem> reachable(long mediaId) {
        // One indexed read answers a guessed id; only a public medium costs the campaigns' check.
        if (library.publicAmong(List.of(mediaId)).isEmpty()) {
            return Optional.empty();
        }
        return airingNow().stream().flatMap(c -> published(c).stream()).filter(m -> m.id() == mediaId).findFirst();
    }

    private List<Campaign> airingNow() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return campaigns.airingIds().stream().sorted((a, b) -> Long.compare(b, a)).map(campaigns::find).flatMap(Optional::stream)
                .filter(c -> c.status() == CampaignStatus.APPROVED && !today.isBefore(c.startDate()) && !today.isAfter(c.endDate()))
                .toList();
    }

    private List<MediaItem> published(Campaign campaign) {
        Set<Long> ids = campaign.items().stream().flatMap(i -> Stream.of(i.mediaId(), i.fallbackMediaId())).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return library.publicAmong(ids);
    }
}
