package communecast.app.campaign;

import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.schedule.Expander;
import communecast.app.schedule.Occurrence;
import communecast.app.security.CurrentUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code GET /api/campaigns/{id}/plan}: every play the rules give in a range, on every target device, with
 * the overlaps on a loudspeaker marked (what staff look at while they build the campaign).
 */
@Singleton
public final class CampaignPlan {
    private final Campaigns campaigns;
    private final Expander expander;
    private final MediaLibrary media;
    private final AirRules airRules;
    private final PlanConflicts conflicts;
    private final Devices devices;

    CampaignPlan(Campaigns campaigns, Expander expander, MediaLibrary media, AirRules airRules, PlanConflicts conflicts,
                 Devices devices) {
        this.campaigns = campaigns;
        this.expander = expander;
        this.media = media;
        this.airRules = airRules;
        this.conflicts = conflicts;
        this.devices = devices;
    }

    public List<Entry> plan(CurrentUser user, long id, Instant from, Instant to) {
        PlayLimits.checkRange(from, to);
        Campaign campaign = campaigns.visible(user, id);
        List<Occurrence> occurrences = expander.expand(campaigns.schedule(campaign), from, to);
        // A commune sees a wider area's campaign, but not its plays on other communes' devices, nor what else airs there.
        Predicate<Long> visible = devices.visibleTo(user);
        List<Device> targets = campaigns.targetDevices(campaign).stream().filter(d -> visible.test(d.id())).toList();
        Map<Long, MediaItem> mediaById = media.byIds(campaign.items().stream().map(Campaign.Item::mediaId).toList())
                .stream().collect(Collectors.toMap(MediaItem::id, Function.identity()));
        PlayLimits.checkPlays((long) occurrences.size() * targets.size());
        AirRules.Check check = airRules.forCampaign(campaign);
        List<Entry> entries = new ArrayList<>();
        for (Occurrence o : occurrences) {
            MediaItem item = mediaById.get(o.mediaId());
            long durationMs = durationMs(item);
            for (Device device : targets) {
                if (item != null && !MediaLibrary.playableOn(item, device.kind())) {
                    continue;
                }
                String reason = o.excluded() ? o.excludedBecause() : check.excludedBecause(device, o.startAt());
                entries.add(new Entry(device.id(), o.mediaId(), o.startAt(), o.startAt().plusMillis(durationMs),
                        reason == null ? "PLANNED" : "EXCLUDED", reason, null));
            }
        }
        return conflicts.mark(campaign, targets, entries, from, to);
    }

    private static long durationMs(MediaItem item) {
        return item == null || item.durationMs() == null ? 0 : item.durationMs();
    }

    @Serdeable
    public record Entry(long deviceId, long mediaId, Instant startAt, Instant endAt, String status, @Nullable String reason,
                 @Nullable String conflict) {

        Entry withConflict(String description) {
            return new Entry(deviceId, mediaId, startAt, endAt, status, reason, description);
        }
    }
}
