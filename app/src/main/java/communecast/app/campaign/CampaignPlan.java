package communecast.app.campaign;

import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.schedule.Expander;
import communecast.app.schedule.Occurrence;
import communecast.app.schedule.Schedule;
import communecast.app.security.CurrentUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
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
        Plays plays = plays(user, campaign);
        PlayLimits.checkPlays((long) occurrences.size() * plays.targets().size());
        List<Entry> entries = new ArrayList<>();
        plays.each(occurrences, entries::add);
        return conflicts.mark(campaign, plays.targets(), entries, from, to);
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
        Plays plays = plays(user, campaign);
        Schedule schedule = campaigns.schedule(campaign);
        long weighed = 0;
        long[] planned = {0, 0};
        for (Instant start = from; start.isBefore(to); start = start.plus(PlayLimits.MAX_RANGE)) {
            Instant end = start.plus(PlayLimits.MAX_RANGE).isBefore(to) ? start.plus(PlayLimits.MAX_RANGE) : to;
            List<Occurrence> occurrences = expander.expand(schedule, start, end);
            weighed += (long) occurrences.size() * plays.targets().size();
            if (weighed > PlayLimits.MAX_COUNTED) {
                return Optional.empty();
            }
            plays.each(occurrences, entry -> {
                if (entry.reason() == null) {
                    planned[0]++;
                    planned[1] += entry.startAt().isBefore(since) ? 0 : 1;
                }
            });
        }
        return Optional.of(new Count(planned[0], planned[1]));
    }

    /** A commune sees a wider area's campaign, but not its plays on other communes' devices, nor what else airs there. */
    private Plays plays(CurrentUser user, Campaign campaign) {
        Predicate<Long> visible = devices.visibleTo(user);
        List<Device> targets = campaigns.targetDevices(campaign).stream().filter(d -> visible.test(d.id())).toList();
        Map<Long, MediaItem> mediaById = media.byIds(campaign.items().stream().map(Campaign.Item::mediaId).toList())
                .stream().collect(Collectors.toMap(MediaItem::id, Function.identity()));
        return new Plays(targets, mediaById, airRules.forCampaign(campaign));
    }

    /** Each start on each target device that can play its medium, PLANNED or EXCLUDED with the reason. */
    private record Plays(List<Device> targets, Map<Long, MediaItem> mediaById, AirRules.Check check) {
        void each(List<Occurrence> occurrences, Consumer<Entry> into) {
            for (Occurrence o : occurrences) {
                MediaItem item = mediaById.get(o.mediaId());
                long durationMs = durationMs(item);
                for (Device device : targets) {
                    if (item != null && !MediaLibrary.playableOn(item, device.kind())) {
                        continue;
                    }
                    String reason = o.excluded() ? o.excludedBecause() : check.excludedBecause(device, o.startAt());
                    into.accept(new Entry(device.id(), o.mediaId(), o.startAt(), o.startAt().plusMillis(durationMs),
                            reason == null ? "PLANNED" : "EXCLUDED", reason, null));
                }
            }
        }
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
