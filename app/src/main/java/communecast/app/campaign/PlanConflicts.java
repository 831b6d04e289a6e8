package communecast.app.campaign;

import communecast.app.device.Device;
import communecast.app.device.DeviceKind;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shown while a campaign is built: where its plays overlap, on a loudspeaker, another approved campaign's
 * or one of its own, and how the agent will resolve it (docs/protocol.md, "Overlapping plays").
 */
@Singleton
final class PlanConflicts {
    /** A play that began this long before the range may still be on air in it. */
    private static final Duration LOOK_BACK = Duration.ofHours(1);

    private final Timeline timeline;

    PlanConflicts(Timeline timeline) {
        this.timeline = timeline;
    }

    List<CampaignPlan.Entry> mark(Campaign campaign, List<Device> targets, List<CampaignPlan.Entry> entries, Instant from, Instant to) {
        List<Device> radios = targets.stream().filter(d -> d.kind() == DeviceKind.RADIO).toList();
        if (radios.isEmpty()) {
            return entries;
        }
        Map<Long, List<Slot>> byDevice = new HashMap<>();
        for (Timeline.Entry e : timeline.of(radios, from.minus(LOOK_BACK), to)) {
            if (e.campaignId() != campaign.id() && !"EXCLUDED".equals(e.status())) {
                byDevice.computeIfAbsent(e.deviceId(), d -> new ArrayList<>()).add(new Slot(e.campaignId(), e.title(), e.level(), e.startAt(), e.endAt(), e.mediaId()));
            }
        }
        List<Long> radioIds = radios.stream().map(Device::id).toList();
        for (CampaignPlan.Entry e : entries) {
            if (radioIds.contains(e.deviceId()) && "PLANNED".equals(e.status())) {
                byDevice.computeIfAbsent(e.deviceId(), d -> new ArrayList<>()).add(new Slot(campaign.id(), campaign.title(), campaign.level(), e.startAt(), e.endAt(), e.mediaId()));
            }
        }
        return entries.stream().map(e -> "PLANNED".equals(e.status())
                ? overlapping(byDevice.getOrDefault(e.deviceId(), List.of()), new Slot(campaign.id(), campaign.title(), campaign.level(), e.startAt(), e.endAt(), e.mediaId()))
                .map(other -> e.withConflict(describe(campaign, e.startAt(), other))).orElse(e)
                : e).toList();
    }

    /** The overlap that matters most: the highest level, then the earliest. */
    private static Optional<Slot> overlapping(List<Slot> slots, Slot mine) {
        return slots.stream().filter(s -> !s.equals(mine))
                .filter(s -> s.start().isBefore(end(mine)) && mine.start().isBefore(end(s)))
                .min(Comparator.comparing(Slot::level, Comparator.reverseOrder()).thenComparing(Slot::start));
    }

    /** A play of no known length still takes its instant. */
    private static Instant end(Slot s) {
        return s.end().isAfter(s.start()) ? s.end() : s.start().plusMillis(1);
    }

    private static String describe(Campaign mine, Instant start, Slot other) {
        String who = "«" + other.title() + "» (" + other.level() + ")";
        String waits = ", and is not aired if that is more than 30 s late";
        int rank = mine.level().compareTo(other.level());
        // The agent's rule for plays due at the same instant: the higher level, then the older campaign, goes first.
        boolean otherFirst = other.start().isBefore(start)
                || other.start().equals(start) && (rank < 0 || rank == 0 && other.campaignId() < mine.id());
        if (other.start().equals(start) && rank == 0) {
            return otherFirst ? "starts at the same time as " + who + ", an older campaign, and waits until it ends" + waits
                    : "starts at the same time as " + who + ", a newer campaign, which waits until this ends" + waits;
        }
        if (rank > 0) {
            return otherFirst ? "cuts " + who + " on air" : who + " waits until this ends" + waits;
        }
        return rank < 0 && !otherFirst ? "cut by " + who : "waits until " + who + " ends" + waits;
    }

    private record Slot(long campaignId, String title, Level level, Instant start, Instant end, long mediaId) {
    }
}
