package communecast.app.campaign;

import communecast.app.device.Device;
import communecast.app.schedule.Airing;
import communecast.app.schedule.Level;
import communecast.app.schedule.Overlaps;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shown while a campaign is built: where its plays overlap, on a device, another approved campaign's or one of
 * its own, and what the device will do about it: the same replay of docs/protocol.md's rule
 * ({@link Overlaps}) that marks the timeline and the area calendar, over this campaign's plays and theirs.
 */
@Singleton
final class PlanConflicts {
    private final Timeline timeline;

    PlanConflicts(Timeline timeline) {
        this.timeline = timeline;
    }

    /**
     * {@code plays}: the campaign's airings from {@link Overlaps#LOOK_BACK} before {@code from} on, so a play begun
     * before the range counts; each gets its conflict (null when nothing overlaps it), in the order given.
     */
    List<CampaignPlan.Entry> mark(Campaign campaign, List<Device> targets, List<Airing> plays, Instant from, Instant to) {
        // Per device: every play due on it, named for the description.
        Map<Long, Map<Overlaps.Slot, String>> byDevice = new HashMap<>();
        if (!targets.isEmpty()) {
            for (Timeline.Entry e : timeline.entries(targets, from.minus(Overlaps.LOOK_BACK), to)) {
                if (e.campaignId() != campaign.id() && !"EXCLUDED".equals(e.status())) {
                    byDevice.computeIfAbsent(e.deviceId(), d -> new HashMap<>()).put(e.slot(), name(e.title(), e.level()));
                }
            }
        }
        Map<Airing, Overlaps.Slot> mine = new HashMap<>();
        for (Airing a : plays) {
            if (a.planned()) {
                Overlaps.Slot slot = new Overlaps.Slot(campaign.id(), a.itemId(), campaign.level(), a.startAt(), a.endAt(), campaign.playUntil());
                mine.put(a, slot);
                byDevice.computeIfAbsent(a.deviceId(), d -> new HashMap<>()).put(slot, name(campaign.title(), campaign.level()));
            }
        }
        Map<Long, Map<Overlaps.Slot, Overlaps.Outcome>> outcomes = new HashMap<>();
        byDevice.forEach((device, named) -> outcomes.put(device, Overlaps.resolve(List.copyOf(named.keySet()))));
        return plays.stream().map(a -> CampaignPlan.Entry.of(a, mine.containsKey(a)
                ? describe(outcomes.get(a.deviceId()).get(mine.get(a)), byDevice.get(a.deviceId())) : null)).toList();
    }

    private static String name(String title, Level level) {
        return "«" + title + "» (" + level + ")";
    }

    /** The overlap that matters most to this play: being cut, then what it meets at its time, then who waits for it. */
    private static String describe(Overlaps.Outcome o, Map<Overlaps.Slot, String> names) {
        Overlaps.Slot mine = o.slot();
        if (o.cutBy() != null) {
            return "cut by " + names.get(o.cutBy());
        }
        return switch (o.kind()) {
            case CUTS -> "cuts " + names.get(o.other()) + " on air";
            case WAITS -> sameTime(mine, o.other())
                    ? "starts at the same time as " + names.get(o.other()) + ", " + older(mine, o.other()) + ", and waits until it ends" + ifLate(mine)
                    : "waits until " + names.get(o.other()) + " ends" + ifLate(mine);
            case DROPPED -> "waits until " + names.get(o.other()) + " ends, which is " + (mine.playUntil() == null
                    ? "more than " + Overlaps.LATE_TOLERANCE.toSeconds() + " s late" : "after its window") + ": not aired";
            case CLEAR -> o.waiter() == null ? null : sameTime(mine, o.waiter())
                    ? "starts at the same time as " + names.get(o.waiter()) + ", " + newer(mine, o.waiter()) + ", which waits until this ends" + ifLate(o.waiter())
                    : names.get(o.waiter()) + " waits until this ends" + ifLate(o.waiter());
        };
    }

    /** The latest start of the play that waits, in words. */
    private static String ifLate(Overlaps.Slot waiting) {
        return waiting.playUntil() == null
                ? ", and is not aired if that is more than " + Overlaps.LATE_TOLERANCE.toSeconds() + " s late"
                : ", and is not aired if that is after its window";
    }

    private static boolean sameTime(Overlaps.Slot a, Overlaps.Slot b) {
        return a.startAt().equals(b.startAt()) && a.level() == b.level();
    }

    private static String older(Overlaps.Slot mine, Overlaps.Slot other) {
        return other.campaignId() == mine.campaignId() ? "another of this campaign's plays" : "an older campaign";
    }

    private static String newer(Overlaps.Slot mine, Overlaps.Slot other) {
        return other.campaignId() == mine.campaignId() ? "another of this campaign's plays" : "a newer campaign";
    }
}
