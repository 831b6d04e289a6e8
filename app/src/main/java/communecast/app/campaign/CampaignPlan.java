package communecast.app.campaign;

import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.schedule.Airing;
import communecast.app.schedule.Airings;
import communecast.app.schedule.CampaignRules;
import communecast.app.schedule.Occurrence;
import communecast.app.schedule.Overlaps;
import communecast.app.security.CurrentUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code GET /api/campaigns/{id}/plan}: every play the rules give in a range, on every target device, with
 * the overlaps marked (what staff look at while they build the campaign).
 */
@Singleton
public final class CampaignPlan {
    private final Campaigns campaigns;
    private final Airings airings;
    private final AirRules airRules;
    private final PlanConflicts conflicts;
    private final Devices devices;

    CampaignPlan(Campaigns campaigns, Airings airings, AirRules airRules, PlanConflicts conflicts, Devices devices) {
        this.campaigns = campaigns;
        this.airings = airings;
        this.airRules = airRules;
        this.conflicts = conflicts;
        this.devices = devices;
    }

    public List<Entry> plan(CurrentUser user, long id, Instant from, Instant to) {
        PlayLimits.checkRange(from, to);
        Campaign campaign = campaigns.visible(user, id);
        List<Device> targets = visibleTargets(user, campaign);
        CampaignRules rules = airRules.of(campaign, targets);
        // From further back for the overlaps (a play begun before the range may hold the device), shown from `from`.
        List<Occurrence> starts = airings.starts(rules.schedule(), from.minus(Overlaps.LOOK_BACK), to);
        PlayLimits.checkPlays((long) starts.size() * targets.size());
        List<Airing> plays = new ArrayList<>();
        airings.each(rules, starts, plays::add);
        return conflicts.mark(campaign, targets, plays, from, to).stream().filter(e -> !e.startAt().isBefore(from)).toList();
    }

    /** PLANNED plays (EXCLUDED ones left out) of a range, and of them those starting at or after {@code since}. */
    public record Count(long planned, long since) {
    }

    /**
     * The PLANNED plays in [from, to), however long, and how many of them start at or after {@code since}: one
     * pass, a stretch of the plan's longest range at a time, none kept. Empty when there are more than
     * {@link PlayLimits#MAX_COUNTED} plays to weigh (one per device and start), which a report then says.
     */
    public Optional<Count> countPlanned(CurrentUser user, Campaign campaign, Instant from, Instant to, Instant since) {
        CampaignRules rules = airRules.of(campaign, visibleTargets(user, campaign));
        long weighed = 0;
        long[] planned = {0, 0};
        for (Instant start = from; start.isBefore(to); start = start.plus(PlayLimits.MAX_RANGE)) {
            Instant end = start.plus(PlayLimits.MAX_RANGE).isBefore(to) ? start.plus(PlayLimits.MAX_RANGE) : to;
            List<Occurrence> starts = airings.starts(rules.schedule(), start, end);
            weighed += (long) starts.size() * rules.targets().size();
            if (weighed > PlayLimits.MAX_COUNTED) {
                return Optional.empty();
            }
            airings.each(rules, starts, airing -> {
                if (airing.planned()) {
                    planned[0]++;
                    planned[1] += airing.startAt().isBefore(since) ? 0 : 1;
                }
            });
        }
        return Optional.of(new Count(planned[0], planned[1]));
    }

    /** A commune sees a wider area's campaign, but not its plays on other communes' devices, nor what else airs there. */
    private List<Device> visibleTargets(CurrentUser user, Campaign campaign) {
        Predicate<Long> visible = devices.visibleTo(user);
        return campaigns.targetDevices(campaign).stream().filter(d -> visible.test(d.id())).toList();
    }

    /** {@code conflict}: on a loudspeaker, how the play overlaps others and how the device will resolve it. */
    @Serdeable
    public record Entry(long deviceId, long mediaId, Instant startAt, Instant endAt, String status, @Nullable String reason,
                        @Nullable String conflict) {

        static Entry of(Airing airing, String conflict) {
            return new Entry(airing.deviceId(), airing.mediaId(), airing.startAt(), airing.endAt(), airing.status(),
                    airing.reason(), conflict);
        }
    }
}
