package communecast.app.schedule;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/**
 * What airs where, when: each start of a campaign's rules on each target that can play its medium, PLANNED or
 * EXCLUDED and why. The plan preview, the timeline and its calendar, and dispatch all ask here, so they never
 * disagree. No database: the caller brings the {@link CampaignRules}.
 */
@Singleton
public final class Airings {
    private final Expander expander;
    private final ZoneId zone;

    public Airings(Expander expander, ZoneId zone) {
        this.expander = expander;
        this.zone = zone;
    }

    /** Every start of the rules in [from, to), excluded dates included and marked, in time order. */
    public List<Occurrence> starts(Schedule schedule, Instant from, Instant to) {
        return expander.expand(schedule, from, to);
    }

    /**
     * For each start, each target in order. A medium without sound is no play at all on a loudspeaker (not an
     * excluded one, not a MISSED one); a medium the rules name but the caller could not find is excluded, for all.
     * On a device where a commune put another campaign first, a play that would meet one of its plays starts when
     * that ends; the quiet hours then hold for the play where it landed.
     */
    public void each(CampaignRules rules, List<Occurrence> starts, Consumer<Airing> into) {
        FirstPlays first = new FirstPlays(this, rules.follows(), starts, zone);
        for (Occurrence o : starts) {
            MediaFacts medium = rules.media().get(o.mediaId());
            long durationMs = medium == null ? 0 : medium.durationMs();
            for (Target target : rules.targets()) {
                if (medium != null && target.loudspeaker() && !medium.hasAudio()) {
                    continue;
                }
                String reason = o.excluded() ? o.excludedBecause() : medium == null ? "medium " + o.mediaId() + " not found" : null;
                FirstPlays.Placed placed = reason == null ? first.place(target, o.startAt(), durationMs) : new FirstPlays.Placed(o.startAt(), null);
                Instant endAt = placed.startAt().plusMillis(durationMs);
                if (reason == null) {
                    reason = quietHoursAt(rules, target, placed.startAt(), endAt);
                }
                into.accept(new Airing(target.deviceId(), rules.campaignId(), o.itemId(), o.mediaId(), placed.startAt(), endAt,
                        reason == null || placed.movedBecause() == null ? reason : placed.movedBecause() + "; " + reason,
                        placed.movedBecause()));
            }
        }
    }

    /**
     * Loudspeakers keep their area's quiet hours for the whole play, except for an EMERGENCY; screens are silent
     * anyway. A play that would run into them is left out, not cut short or moved: no rule says where to.
     */
    private String quietHoursAt(CampaignRules rules, Target target, Instant start, Instant end) {
        if (rules.level() == Level.EMERGENCY || !target.loudspeaker()) {
            return null;
        }
        QuietHours quiet = rules.quietHoursByArea().get(target.areaId());
        if (quiet == null || !quiet.overlaps(start, end, zone)) {
            return null;
        }
        return quiet.contains(start.atZone(zone).toLocalTime()) ? "quiet hours " + quiet : "would run into quiet hours " + quiet;
    }
}
