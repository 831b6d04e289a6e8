package communecast.app.campaign;

import communecast.app.area.Area;
import communecast.app.area.AreaKind;
import communecast.app.area.Areas;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.schedule.Level;
import communecast.app.schedule.Overlaps;
import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Clashes on a commune's devices between campaigns it does not order itself, and the order the commune picks
 * (Circular 39/2020/TT-BTTTT leaves it to the commune): the campaign put second goes right after the first's
 * plays it would meet, on the commune's devices, so both air. Found by the same replay of the device's rule
 * that marks the timeline ({@link Overlaps}); the move itself is the schedule's ({@link AirRules} brings it).
 */
@Singleton
public class ClashOrders {
    private final Jdbi jdbi;
    private final Campaigns campaigns;
    private final Areas areas;
    private final Devices devices;
    private final Timeline timeline;
    private final Clock clock;
    private final ApplicationEventPublisher<Changed> changed;

    ClashOrders(Jdbi jdbi, Campaigns campaigns, Areas areas, Devices devices, Timeline timeline, Clock clock,
                ApplicationEventPublisher<Changed> changed) {
        this.jdbi = jdbi;
        this.campaigns = campaigns;
        this.areas = areas;
        this.devices = devices;
        this.timeline = timeline;
        this.clock = clock;
        this.changed = changed;
    }

    /** The commune changed an order: these campaigns' plays already sent are planned again. */
    public record Changed(Set<Long> campaignIds, String reason) {
    }

    @Serdeable
    public record Side(long campaignId, String title, Level level) {
        static Side of(Timeline.Entry e) {
            return new Side(e.campaignId(), e.title(), e.level());
        }
    }

    /**
     * Two campaigns meeting on the commune's devices: {@code first} holds the device, {@code then} waits, is not
     * aired or is cut ({@code plays} of its plays, {@code notAired} of them lost, from {@code firstAt}, on
     * {@code devices} devices). {@code eitherWay}: same level, so the commune may put either one first.
     */
    @Serdeable
    public record Clash(Side first, Side then, int plays, int notAired, Instant firstAt, int devices, boolean eitherWay) {
    }

    @Serdeable
    public record View(long areaId, String areaName, Instant from, Instant to, List<Clash> clashes, List<Picked> orders) {
    }

    @Serdeable
    public record Picked(long id, Side first, Side then, String pickedBy, Instant pickedAt) {
    }

    @Serdeable
    public record Pick(Long firstCampaignId, Long thenCampaignId) {
    }

    public View view(CurrentUser user, long areaId, Instant from, Instant to) {
        PlayLimits.checkRange(from, to);
        Area commune = commune(user, areaId);
        List<Device> mine = devices.inArea(areaId).stream().filter(d -> d.retiredAt() == null).toList();
        List<Timeline.Entry> entries = mine.isEmpty() ? List.of() : timeline.entries(mine, from.minus(Overlaps.LOOK_BACK), to);
        return new View(areaId, commune.name(), from, to, clashes(entries, from), picked(areaId));
    }

    /** Each waiting, dropped or cut play of one campaign because of another's, by pair, earliest first. */
    private static List<Clash> clashes(List<Timeline.Entry> entries, Instant from) {
        Map<Long, Map<Overlaps.Slot, Timeline.Entry>> byDevice = new HashMap<>();
        for (Timeline.Entry e : entries) {
            if ("PLANNED".equals(e.status())) {
                byDevice.computeIfAbsent(e.deviceId(), d -> new HashMap<>()).put(e.slot(), e);
            }
        }
        Map<List<Long>, Tally> pairs = new LinkedHashMap<>();
        byDevice.forEach((device, bySlot) -> Overlaps.resolve(List.copyOf(bySlot.keySet())).values().forEach(o -> {
            Overlaps.Slot holder = switch (o.kind()) {
                case WAITS, DROPPED -> o.other();
                default -> o.cutBy();
            };
            Timeline.Entry lost = bySlot.get(o.slot());
            Timeline.Entry first = holder == null ? null : bySlot.get(holder);
            if (first != null && first.campaignId() != lost.campaignId() && !lost.startAt().isBefore(from)
                    && first.level() != Level.EMERGENCY && lost.level() != Level.EMERGENCY) {
                pairs.computeIfAbsent(List.of(first.campaignId(), lost.campaignId()), k -> new Tally(Side.of(first), Side.of(lost)))
                        .add(lost, o.kind() == Overlaps.Kind.DROPPED || o.cutBy() != null);
            }
        }));
        return pairs.values().stream().map(Tally::clash).sorted(Comparator.comparing(Clash::firstAt)).toList();
    }

    private static final class Tally {
        private final Side first;
        private final Side then;
        private final Set<Long> devices = new HashSet<>();
        private int plays;
        private int notAired;
        private Instant firstAt;

        Tally(Side first, Side then) {
            this.first = first;
            this.then = then;
        }

        void add(Timeline.Entry lost, boolean notAiredAtAll) {
            plays++;
            notAired += notAiredAtAll ? 1 : 0;
            devices.add(lost.deviceId());
            firstAt = firstAt == null || lost.startAt().isBefore(firstAt) ? lost.startAt() : firstAt;
        }

        Clash clash() {
            return new Clash(first, then, plays, notAired, firstAt, devices.size(), first.level() == then.level());
        }
    }

    /**
     * Puts {@code thenCampaignId} after {@code firstCampaignId} on the commune's devices, replacing its order for
     * the pair either way round. Both must air there; an emergency is never ordered (it airs at once), and a
     * campaign is never put after one of a lower level (a priority bulletin is the level above's order).
     */
    public Picked pick(CurrentUser user, long areaId, Pick request) {
        user.require(Role.ADMIN, Role.EDITOR, Role.APPROVER);
        commune(user, areaId);
        if (request == null || request.firstCampaignId() == null || request.thenCampaignId() == null) {
            throw ApiException.badRequest("MISSING_FIELD", "firstCampaignId and thenCampaignId are required");
        }
        if (request.firstCampaignId().equals(request.thenCampaignId())) {
            throw ApiException.badRequest("SAME_CAMPAIGN", "a campaign cannot go after itself");
        }
        Campaign first = airingHere(request.firstCampaignId(), areaId);
        Campaign then = airingHere(request.thenCampaignId(), areaId);
        if (then.level().compareTo(first.level()) > 0) {
            throw ApiException.badRequest("LEVEL_ORDER", "«" + then.title() + "» is " + then.level() + ", ordered by the level above: it cannot go after «"
                    + first.title() + "» (" + first.level() + ")");
        }
        ClashOrder order = repo().pick(areaId, first.id(), then.id(), user.id(), clock.instant());
        changed.publishEvent(new Changed(Set.of(first.id(), then.id()), "order of «" + first.title() + "» and «" + then.title() + "» picked"));
        return picked(List.of(order)).getFirst();
    }

    public void remove(CurrentUser user, long areaId, long orderId) {
        user.require(Role.ADMIN, Role.EDITOR, Role.APPROVER);
        commune(user, areaId);
        ClashOrder order = repo().find(areaId, orderId).orElseThrow(() -> ApiException.notFound("clash order", orderId));
        repo().delete(order.id());
        changed.publishEvent(new Changed(Set.of(order.firstCampaignId(), order.thenCampaignId()), "clash order " + orderId + " removed"));
    }

    private Area commune(CurrentUser user, long areaId) {
        Area area = areas.visible(user, areaId);
        if (area.kind() != AreaKind.COMMUNE) {
            throw ApiException.badRequest("NOT_A_COMMUNE", "the commune orders clashes on its devices: area " + areaId + " is a " + area.kind());
        }
        return area;
    }

    /** An approved campaign, not an emergency, with plays on the commune's devices. */
    private Campaign airingHere(long campaignId, long areaId) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> ApiException.notFound("campaign", campaignId));
        if (campaign.level() == Level.EMERGENCY) {
            throw ApiException.badRequest("EMERGENCY", "«" + campaign.title() + "» is an emergency: it airs at once, in no order the commune picks");
        }
        if (campaign.status() != CampaignStatus.APPROVED && campaign.status() != CampaignStatus.PAUSED) {
            throw ApiException.badRequest("NOT_AIRING", "«" + campaign.title() + "» is " + campaign.status() + ": only approved campaigns air");
        }
        Set<Long> here = new HashSet<>(areas.subtreeIds(areaId));
        if (campaigns.targetDevices(campaign).stream().noneMatch(d -> here.contains(d.areaId()))) {
            throw ApiException.badRequest("NOT_HERE", "«" + campaign.title() + "» plays on no device of this commune");
        }
        return campaign;
    }

    private List<Picked> picked(long areaId) {
        return picked(repo().ofArea(areaId));
    }

    private List<Picked> picked(List<ClashOrder> orders) {
        Set<Long> ids = orders.stream().flatMap(o -> Stream.of(o.firstCampaignId(), o.thenCampaignId())).collect(Collectors.toSet());
        Map<Long, Campaign.Heading> heading = campaigns.headings(ids).stream().collect(Collectors.toMap(Campaign.Heading::id, h -> h));
        List<Picked> picked = new ArrayList<>();
        for (ClashOrder o : orders) {
            picked.add(new Picked(o.id(), side(heading.get(o.firstCampaignId())), side(heading.get(o.thenCampaignId())), o.pickedBy(), o.pickedAt()));
        }
        return picked;
    }

    private static Side side(Campaign.Heading h) {
        return new Side(h.id(), h.title(), h.level());
    }

    private ClashOrderRepository repo() {
        return jdbi.onDemand(ClashOrderRepository.class);
    }
}
