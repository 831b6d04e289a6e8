package communecast.app.campaign;

import communecast.app.device.Device;
import communecast.app.device.DeviceKind;
import communecast.app.schedule.Airing;
import communecast.app.schedule.Airings;
import communecast.app.schedule.CampaignRules;
import communecast.app.schedule.Level;
import communecast.app.schedule.Occurrence;
import communecast.app.schedule.Overlaps;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every approved campaign will play on a set of devices in a range, merged: the schedule's airings, with
 * quiet-hour exclusions, and each overlap marked as the device will resolve it
 * ({@link Overlaps}: a higher level cuts, an equal or lower one waits, and does not air if it would be too late).
 */
@Singleton
class Timeline {
    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::deviceId).thenComparing(Entry::startAt)
            .thenComparing(Entry::level, Comparator.reverseOrder()).thenComparing(Entry::campaignId).thenComparing(Entry::itemId);

    private final Campaigns campaigns;
    private final Airings airings;
    private final AirRules airRules;

    Timeline(Campaigns campaigns, Airings airings, AirRules airRules) {
        this.campaigns = campaigns;
        this.airings = airings;
        this.airRules = airRules;
    }

    /**
     * At most {@link PlayLimits#MAX_PLAYS} entries: refused as soon as the next campaign's plays would pass it. The
     * overlaps are replayed from {@link Overlaps#LOOK_BACK} before {@code from}: a play begun then may hold the device.
     */
    List<Entry> of(List<Device> wanted, Instant from, Instant to) {
        PlayLimits.checkRange(from, to);
        return markOverlaps(entries(wanted, from.minus(Overlaps.LOOK_BACK), to)).stream().filter(e -> !e.startAt().isBefore(from)).toList();
    }

    /** Every approved campaign's plays on these devices in [since, to), overlaps not marked; the caller has checked the range. */
    List<Entry> entries(List<Device> wanted, Instant since, Instant to) {
        List<Entry> entries = new ArrayList<>();
        for (long id : campaigns.approvedIds()) {
            Campaign campaign = campaigns.find(id).orElseThrow();
            List<Device> targets = campaigns.targetDevicesAmong(campaign, wanted);
            if (!targets.isEmpty()) {
                CampaignRules rules = airRules.of(campaign, targets);
                List<Occurrence> starts = airings.starts(rules.schedule(), since, to);
                PlayLimits.checkPlays(entries.size() + (long) starts.size() * targets.size());
                Map<Long, Device> device = targets.stream().collect(Collectors.toMap(Device::id, Function.identity()));
                airings.each(rules, starts, a -> entries.add(Entry.of(a, device.get(a.deviceId()), campaign)));
            }
        }
        return entries;
    }

    /** Each device's planned plays replayed as it will resolve them (one play at a time, screens too); the rest as they are. */
    private static List<Entry> markOverlaps(List<Entry> entries) {
        Map<Long, Map<Overlaps.Slot, Entry>> byDevice = new HashMap<>();
        for (Entry e : entries) {
            if ("PLANNED".equals(e.status())) {
                byDevice.computeIfAbsent(e.deviceId(), d -> new HashMap<>()).put(e.slot(), e);
            }
        }
        Map<Entry, Entry> marked = new HashMap<>();
        for (Map<Overlaps.Slot, Entry> bySlot : byDevice.values()) {
            Overlaps.resolve(List.copyOf(bySlot.keySet()))
                    .forEach((slot, outcome) -> marked.put(bySlot.get(slot), mark(bySlot.get(slot), outcome, bySlot)));
        }
        return entries.stream().map(e -> marked.getOrDefault(e, e)).sorted(ORDER).toList();
    }

    private static Entry mark(Entry e, Overlaps.Outcome outcome, Map<Overlaps.Slot, Entry> bySlot) {
        String other = outcome.other() == null ? null : named(bySlot.get(outcome.other()));
        String cut = outcome.cutBy() == null ? null : "cut by " + named(bySlot.get(outcome.cutBy()));
        return switch (outcome.kind()) {
            case CLEAR -> cut == null ? e : e.withStatus("PLANNED", cut);
            case CUTS -> e.withStatus("PLANNED", "preempts " + other + (cut == null ? "" : "; " + cut));
            case WAITS -> e.withStatus("CONFLICT", "overlaps " + other + "; waits until it ends" + (cut == null ? "" : "; " + cut));
            case DROPPED -> e.withStatus("CONFLICT", "overlaps " + other + "; not aired: the device is still busy when it is too late to start");
        };
    }

    private static String named(Entry e) {
        return e.title() + " (" + e.level() + ")";
    }

    /** {@code playUntil}: an emergency's window, the latest a play of it may start. */
    @Serdeable
    record Entry(long deviceId, String deviceName, DeviceKind kind, long campaignId, String title, Level level, long itemId,
                 long mediaId, Instant startAt, Instant endAt, String status, @Nullable String reason, @Nullable Instant playUntil) {

        static Entry of(Airing a, Device device, Campaign campaign) {
            return new Entry(a.deviceId(), device.name(), device.kind(), campaign.id(), campaign.title(), campaign.level(),
                    a.itemId(), a.mediaId(), a.startAt(), a.endAt(), a.status(), a.reason(), campaign.playUntil());
        }

        Overlaps.Slot slot() {
            return new Overlaps.Slot(campaignId, itemId, level, startAt, endAt, playUntil);
        }

        Entry withStatus(String newStatus, String newReason) {
            return new Entry(deviceId, deviceName, kind, campaignId, title, level, itemId, mediaId, startAt, endAt, newStatus, newReason,
                    playUntil);
        }
    }
}
