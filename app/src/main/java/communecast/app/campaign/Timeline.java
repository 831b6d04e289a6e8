package communecast.app.campaign;

import communecast.app.device.Device;
import communecast.app.device.DeviceKind;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.schedule.Expander;
import communecast.app.schedule.Occurrence;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every approved campaign will play on a set of devices in a range, merged: the same expansion and
 * air rules as dispatch, with quiet-hour exclusions, and overlaps on a loudspeaker marked as the agent
 * will resolve them (a higher level cuts, an equal or lower one waits).
 */
@Singleton
class Timeline {
    private final Campaigns campaigns;
    private final Expander expander;
    private final AirRules airRules;
    private final MediaLibrary media;

    Timeline(Campaigns campaigns, Expander expander, AirRules airRules, MediaLibrary media) {
        this.campaigns = campaigns;
        this.expander = expander;
        this.airRules = airRules;
        this.media = media;
    }

    /** At most {@link PlayLimits#MAX_PLAYS} entries: refused as soon as the next campaign's plays would pass it. */
    List<Entry> of(List<Device> wanted, Instant from, Instant to) {
        PlayLimits.checkRange(from, to);
        Set<Long> wantedIds = wanted.stream().map(Device::id).collect(Collectors.toSet());
        List<Entry> entries = new ArrayList<>();
        for (long id : campaigns.approvedIds()) {
            Campaign campaign = campaigns.find(id).orElseThrow();
            List<Device> targets = campaigns.targetDevices(campaign)
                    .stream().filter(d -> wantedIds.contains(d.id())).toList();
            if (!targets.isEmpty()) {
                List<Occurrence> occurrences = expander.expand(campaigns.schedule(campaign), from, to);
                PlayLimits.checkPlays(entries.size() + (long) occurrences.size() * targets.size());
                entries.addAll(entries(campaign, targets, occurrences));
            }
        }
        return markOverlaps(entries);
    }

    private List<Entry> entries(Campaign campaign, List<Device> targets, List<Occurrence> occurrences) {
        Map<Long, MediaItem> mediaById = media.byIds(campaign.items().stream().map(Campaign.Item::mediaId).toList())
                .stream().collect(Collectors.toMap(MediaItem::id, Function.identity()));
        AirRules.Check check = airRules.forCampaign(campaign);
        List<Entry> entries = new ArrayList<>();
        for (Occurrence o : occurrences) {
            MediaItem item = mediaById.get(o.mediaId());
            long durationMs = item.durationMs() == null ? 0 : item.durationMs();
            for (Device device : targets) {
                if (!MediaLibrary.playableOn(item, device.kind())) {
                    continue;
                }
                String reason = o.excluded() ? o.excludedBecause() : check.excludedBecause(device, o.startAt());
                entries.add(new Entry(device.id(), device.name(), device.kind(), campaign.id(), campaign.title(), campaign.level(),
                        o.itemId(), o.mediaId(), o.startAt(), o.startAt().plusMillis(durationMs),
                        reason == null ? "PLANNED" : "EXCLUDED", reason));
            }
        }
        return entries;
    }

    private static List<Entry> markOverlaps(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        // Plays due at the same instant in the agent's order: the higher level, then the older campaign, first.
        sorted.sort(Comparator.comparing(Entry::deviceId).thenComparing(Entry::startAt)
                .thenComparing(Entry::level, Comparator.reverseOrder()).thenComparing(Entry::campaignId));
        List<Entry> marked = new ArrayList<>();
        Entry onAir = null;
        for (Entry e : sorted) {
            boolean sameDevice = onAir != null && onAir.deviceId() == e.deviceId();
            if (!"PLANNED".equals(e.status()) || e.kind() != DeviceKind.RADIO) {
                marked.add(e);
                continue;
            }
            if (sameDevice && e.startAt().isBefore(onAir.endAt())) {
                marked.add(e.level().compareTo(onAir.level()) > 0
                        ? e.withStatus("PLANNED", "preempts " + onAir.title() + " (" + onAir.level() + ")")
                        : e.withStatus("CONFLICT", "overlaps " + onAir.title() + " (" + onAir.level() + "); waits until it ends"));
                if (e.level().compareTo(onAir.level()) > 0) {
                    onAir = e;
                }
                continue;
            }
            marked.add(e);
            onAir = e;
        }
        return marked;
    }

    @Serdeable
    record Entry(long deviceId, String deviceName, DeviceKind kind, long campaignId, String title, Level level, long itemId,
                 long mediaId, Instant startAt, Instant endAt, String status, @Nullable String reason) {

        Entry withStatus(String newStatus, String newReason) {
            return new Entry(deviceId, deviceName, kind, campaignId, title, level, itemId, mediaId, startAt, endAt, newStatus, newReason);
        }
    }
}
