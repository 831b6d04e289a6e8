package communecast.app.schedule;

import communecast.app.device.DeviceKind;
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
     */
    public void each(CampaignRules rules, List<Occurrence> starts, Consumer<Airing> into) {
        for (Occurrence o : starts) {
            MediaFacts medium = rules.media().get(o.mediaId());
            long durationMs = medium == null ? 0 : medium.durationMs();
            for (Target target : rules.targets()) {
                if (medium != null && target.kind() == DeviceKind.RADIO && !medium.hasAudio()) {
                    continue;
                }
                Instant endAt = o.startAt().plusMillis(durationMs);
                String reason = o.excluded() ? o.excludedBecause()
                        : medium == null ? "medium " + o.mediaId() + " not found"
                        : quietHoursAt(rules, target, o.startAt(), endAt);
                into.accept(new Airing(target.deviceId(), rules.campaignId(), o.itemId(), o.mediaId(), o.startAt(),
                        endAt, reason));
            }
        }
    }

    /**
     * Loudspeakers keep their area's quiet hours for the whole play, except for an EMERGENCY; screens are silent
     * anyway. A play that would run into them is left out, not cut short or moved: no rule says where to.
     */
    private String quietHoursAt(CampaignRules rules, Target target, Instant start, Instant end) {
        if (rules.level() == Level.EMERGENCY || target.kind() != DeviceKind.RADIO) {
            return null;
        }
        QuietHours quiet = rules.quietHoursByArea().get(target.areaId());
        if (quiet == null || !quiet.overlaps(start, end, zone)) {
            return null;
        }
        return quiet.contains(start.atZone(zone).toLocalTime()) ? "quiet hours " + quiet : "would run into quiet hours " + quiet;
    }
}
