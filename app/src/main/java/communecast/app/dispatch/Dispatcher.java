package communecast.app.dispatch;

import communecast.app.StripedLocks;
import communecast.app.agentlink.AgentConnected;
import communecast.app.area.QuietHoursChanged;
import communecast.app.campaign.AirRules;
import communecast.app.cluster.Cluster;
import communecast.app.db.NamedLocks;
import communecast.app.campaign.Campaign;
import communecast.app.campaign.CampaignEvents;
import communecast.app.campaign.CampaignStatus;
import communecast.app.campaign.ClashOrders;
import communecast.app.campaign.Campaigns;
import communecast.app.device.Device;
import communecast.app.device.DeviceRegistered;
import communecast.app.device.DeviceKind;
import communecast.app.device.DeviceRetired;
import communecast.app.media.RenditionReady;
import communecast.app.playlog.BroadcastLog;
import communecast.app.playlog.PlannedPlay;
import communecast.app.playlog.PlayLog;
import communecast.app.schedule.Airings;
import communecast.app.schedule.Expander;
import communecast.app.schedule.Level;
import communecast.app.schedule.Occurrence;
import communecast.app.schedule.Schedule;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns an approved campaign into broadcast logs and orders, a horizon ahead of air (default 48 h, so a
 * device cut off for a day still airs everything): each run plans the plays starting in [cursor, now +
 * lead) and pushes them. Runs are woken by the campaign's rule triggers ({@link RuleTriggers}) and by a
 * one-shot trigger set after each run at the next air time minus the lead, which also covers what a
 * wall-clock cron cannot say exactly (a daylight-saving shift between wake-up and air). The cursor (in the
 * database) and the logs' unique key make a run after a crash or a misfire plan nothing twice. What airs is
 * the schedule's answer ({@link Airings}); the Quartz side is {@link DispatchTriggers}.
 */
@Singleton
class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration RETRY = Duration.ofSeconds(30);
    /** Words for people only: the resume finds the paused plays by their mark, not by this. */
    private static final String PAUSED = "campaign paused";
    /** Longer than the largest dispatch run (a province's 48 h at once). */
    private static final Duration LOCK_WAIT = Duration.ofMinutes(2);

    private final StripedLocks locks = new StripedLocks();

    private final Campaigns campaigns;
    private final Expander expander;
    private final PlayLog playLog;
    private final OrderBook orders;
    private final Airings airings;
    private final AirRules airRules;
    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration lead;
    private final DispatchTriggers triggers;
    private final NamedLocks namedLocks;
    private final Cluster cluster;

    Dispatcher(QuartzScheduler scheduler, Campaigns campaigns, Expander expander, PlayLog playLog,
               OrderBook orders, Airings airings, AirRules airRules, Jdbi jdbi, NamedLocks namedLocks, Cluster cluster, Clock clock,
               @Value("${communecast.dispatch.lead-time:48h}") Duration lead, ZoneId zone) {
        this.campaigns = campaigns;
        this.expander = expander;
        this.playLog = playLog;
        this.orders = orders;
        this.airings = airings;
        this.airRules = airRules;
        this.jdbi = jdbi;
        this.namedLocks = namedLocks;
        this.cluster = cluster;
        this.clock = clock;
        this.lead = lead;
        this.triggers = new DispatchTriggers(scheduler, new RuleTriggers(zone, lead));
    }

    @EventListener
    void approved(CampaignEvents.Approved event) {
        locked(event.campaignId(), () -> {
            // Plays before the approval are not planned: approving late does not make a backlog of MISSED.
            cursors().advance(event.campaignId(), clock.instant());
            replaceRuleTriggers(event.campaignId());
            // At once, not through a trigger: the devices have the orders when the approver sees APPROVED.
            run(event.campaignId());
        });
    }

    @EventListener
    void cancelled(CampaignEvents.Cancelled event) {
        locked(event.campaignId(), () -> stop(event.campaignId(), "campaign cancelled"));
        replanFollowers(event.campaignId(), "campaign " + event.campaignId() + " cancelled");
    }

    @EventListener
    void paused(CampaignEvents.Paused event) {
        locked(event.campaignId(), () -> {
            triggers.remove(event.campaignId());
            orders.withdraw(playLog.pauseFuture(event.campaignId(), PAUSED), PAUSED);
        });
        replanFollowers(event.campaignId(), "campaign " + event.campaignId() + " paused");
    }

    /** Plays still ahead come back; what fell in the pause is not made up. */
    @EventListener
    void resumed(CampaignEvents.Resumed event) {
        locked(event.campaignId(), () -> {
            orders.push(playLog.reinstate(event.campaignId()));
            cursors().advance(event.campaignId(), clock.instant());
            replaceRuleTriggers(event.campaignId());
            run(event.campaignId());
        });
        replanFollowers(event.campaignId(), "campaign " + event.campaignId() + " resumed");
    }

    /**
     * An approved edit reaches every device holding the campaign's plays: what it no longer wants is
     * withdrawn, what it adds is sent, what it keeps stays as it is. A paused campaign holds nothing on
     * the devices; its resume plans afresh under the new rules.
     */
    @EventListener
    void revised(CampaignEvents.Revised event) {
        long id = event.campaignId();
        String reason = "replaced by revision " + event.number();
        locked(id, () -> {
            Campaign campaign = campaigns.find(id).orElse(null);
            if (campaign == null) {
                return;
            }
            if (campaign.status() == CampaignStatus.PAUSED) {
                replanOnResume(id, reason);
                return;
            }
            if (campaign.status() != CampaignStatus.APPROVED) {
                return;
            }
            PlayLog.Replan replan = replanAhead(campaign, event.ordersChanged(), reason);
            LOG.info("Campaign {}: revision {} withdrew {} plays, {} pending", id, event.number(), replan.dropped().size(), replan.pending().size());
            // The next dispatch follows the new rules from now on.
            replaceRuleTriggers(id);
            run(id);
        });
        replanFollowers(id, reason + " of campaign " + id);
    }

    /**
     * New quiet hours hold for plays already sent too: each approved campaign on the areas' loudspeakers is
     * planned again up to its cursor (a play now in the quiet hours is withdrawn, one no longer in them is
     * sent); a paused one plans afresh when it is resumed. One campaign that fails does not stop the others.
     */
    @EventListener
    void quietHoursChanged(QuietHoursChanged event) {
        String reason = "quiet hours of area " + event.areaId() + " changed";
        for (long id : campaigns.airingIds()) {
            replan(id, reason, c -> c.level() != Level.EMERGENCY && campaigns.targetDevices(c).stream()
                    .anyMatch(d -> d.kind() == DeviceKind.RADIO && event.affectedAreaIds().contains(d.areaId())));
        }
    }

    /** A commune changed the order of two campaigns on its devices: both are planned again. */
    @EventListener
    void clashOrderChanged(ClashOrders.Changed event) {
        event.campaignIds().forEach(id -> replan(id, event.reason(), c -> true));
    }

    /** The campaigns a commune put after this one follow its change (an edit, a pause, a resume, a cancel). */
    private void replanFollowers(long campaignId, String reason) {
        airRules.followersOf(campaignId).forEach(id -> replan(id, reason, c -> true));
    }

    /**
     * The campaign, if {@code concerned}, planned again up to its cursor (what no longer fits is withdrawn, what
     * now does is sent); a paused one plans afresh when it is resumed. A failure stays with this campaign.
     */
    private void replan(long id, String reason, Predicate<Campaign> concerned) {
        try {
            locked(id, () -> campaigns.find(id).filter(concerned).ifPresent(c -> {
                if (c.status() == CampaignStatus.PAUSED) {
                    replanOnResume(id, reason);
                } else if (c.status() == CampaignStatus.APPROVED) {
                    PlayLog.Replan replan = replanAhead(c, false, reason);
                    LOG.info("Campaign {}: {}: withdrew {} plays, {} pending", id, reason, replan.dropped().size(), replan.pending().size());
                }
            }));
        } catch (RuntimeException e) {
            LOG.error("Campaign {}: {}, but its plays already sent could not be planned again; they stay as they were", id, reason, e);
        }
    }

    /** A paused campaign holds nothing on the devices: its paused plays stay cancelled, and its resume plans afresh. */
    private void replanOnResume(long campaignId, String reason) {
        playLog.unpause(campaignId, reason);
        cursors().rewind(campaignId, clock.instant());
    }

    /** The campaign's plays between now and its cursor become what its rules now say, on the devices too. */
    private PlayLog.Replan replanAhead(Campaign campaign, boolean keepNone, String reason) {
        Instant now = clock.instant();
        Instant until = cursors().find(campaign.id()).orElse(now);
        List<PlannedPlay> wanted = until.isAfter(now) ? plays(campaign, campaigns.schedule(campaign), now, until) : List.of();
        PlayLog.Replan replan = playLog.replan(campaign.id(), wanted, keepNone, reason);
        orders.withdraw(replan.dropped(), reason);
        orders.push(replan.pending());
        return replan;
    }

    @EventListener
    void agentConnected(AgentConnected event) {
        sync(event.deviceId());
    }

    /** Orders held back for a file not yet made go out now, in a full list for each device that waits. */
    @EventListener
    void renditionReady(RenditionReady event) {
        playLog.devicesWithPending(event.mediaId(), clock.instant()).forEach(this::sync);
    }

    private void sync(long deviceId) {
        orders.sync(deviceId, () -> playLog.pendingOf(deviceId));
    }

    /**
     * A device added inside a targeted area takes part from now on: the plays already planned for the
     * others (up to the horizon) are planned for it too, then sent when it connects.
     */
    @EventListener
    void deviceRegistered(DeviceRegistered event) {
        Device device = event.device();
        for (long id : campaigns.approvedIds()) {
            locked(id, () -> {
                Campaign campaign = campaigns.find(id).orElse(null);
                Instant until = cursors().find(id).orElse(null);
                if (campaign == null || campaign.status() != CampaignStatus.APPROVED || until == null || !until.isAfter(clock.instant())
                        || campaigns.targetDevices(campaign).stream()
                        .noneMatch(d -> d.id() == device.id())) {
                    return;
                }
                playLog.plan(id, plays(campaign, campaigns.schedule(campaign), clock.instant(), until, List.of(device)), clock.instant(), until);
            });
        }
    }

    /** A retired device airs nothing more: its plays still ahead are cancelled and withdrawn from it. */
    @EventListener
    void deviceRetired(DeviceRetired event) {
        String reason = "device retired";
        orders.withdraw(playLog.cancelFutureOfDevice(event.deviceId(), reason), reason);
    }

    /**
     * After a crash between a campaign's change and its dispatch work: every approved campaign gets a
     * trigger, and a campaign no longer approved has no future play left standing.
     */
    @EventListener
    void reconcile(ServerStartupEvent event) {
        campaigns.approvedIds().forEach(id -> locked(id, () -> {
            if (!triggers.has(id)) {
                triggers.at(id, clock.instant());
            }
        }));
        playLog.campaignsWithPendingAfter(clock.instant()).stream()
                .filter(id -> campaigns.find(id).map(c -> c.status() != CampaignStatus.APPROVED).orElse(true))
                .forEach(id -> locked(id, () -> stop(id, "campaign no longer approved")));
    }

    /** One run at a time per campaign in the cluster, and never beside its cancellation (the lock is reentrant for the callers above). */
    void run(long campaignId) {
        try {
            locked(campaignId, () -> dispatch(campaignId));
        } catch (RuntimeException e) {
            // A lost trigger would silently end the campaign: try again soon instead.
            LOG.error("Campaign {}: dispatch failed, retrying in {}", campaignId, RETRY, e);
            triggers.at(campaignId, clock.instant().plus(RETRY));
        }
    }

    private void dispatch(long campaignId) {
        Campaign campaign = campaigns.find(campaignId).orElse(null);
        if (campaign == null || campaign.status() != CampaignStatus.APPROVED) {
            stop(campaignId, "campaign " + (campaign == null ? "removed" : campaign.status().name().toLowerCase()));
            return;
        }
        Schedule schedule = campaigns.schedule(campaign);
        Instant until = clock.instant().plus(lead);
        Instant from = cursors().find(campaignId).orElse(clock.instant());
        if (until.isAfter(from)) {
            List<Occurrence> occurrences = airing(schedule, from, until);
            // A run with nothing to air (the trigger right after an approval's own run) reads no devices.
            List<Device> targets = occurrences.isEmpty() ? List.of() : campaigns.targetDevices(campaign);
            List<BroadcastLog> planned = playLog.plan(campaignId, plays(campaign, occurrences, targets), from, until);
            // The devices just read serve the orders too: a province's emergency reads its 10,000 rows once.
            orders.push(planned, targets);
            cursors().advance(campaignId, until);
            LOG.info("Campaign {}: {} plays pending in [{}, {})", campaignId, planned.size(), from, until);
        }
        Optional<Instant> next = expander.nextStartAfter(schedule, until.minusMillis(1));
        if (next.isPresent()) {
            triggers.at(campaignId, max(clock.instant(), next.get().minus(lead)));
        } else {
            LOG.info("Campaign {}: every play is dispatched", campaignId);
            triggers.remove(campaignId);
        }
    }

    /** Withdraws what has not aired and removes the campaign's triggers. */
    private void stop(long campaignId, String reason) {
        triggers.remove(campaignId);
        orders.withdraw(playLog.cancelFuture(campaignId, reason), reason);
    }

    /** A cancel also cuts what is on air now (an emergency stopped, a campaign withdrawn for its content). */
    @EventListener
    void cutOnAir(CampaignEvents.Cancelled event) {
        orders.withdraw(playLog.playingOf(event.campaignId()), "campaign cancelled");
    }

    /**
     * The campaign's lock on every node: the monitor first, so threads of this node queue here instead of
     * each holding a pooled connection while they wait for the database's lock (not taken by a single node).
     */
    private void locked(long campaignId, Runnable work) {
        synchronized (locks.of(campaignId)) {
            if (cluster.alone()) {
                work.run();
                return;
            }
            try {
                namedLocks.run("campaign." + campaignId, LOCK_WAIT, work);
            } catch (NamedLocks.Taken e) {
                // A node stuck inside a run: this change is not lost, its run comes once the lock is free.
                LOG.error("Campaign {}: {}; dispatching again in {}", campaignId, e.getMessage(), RETRY);
                triggers.at(campaignId, clock.instant().plus(RETRY));
            }
        }
    }

    private List<PlannedPlay> plays(Campaign campaign, Schedule schedule, Instant from, Instant until) {
        List<Occurrence> occurrences = airing(schedule, from, until);
        return occurrences.isEmpty() ? List.of() : plays(campaign, occurrences, campaigns.targetDevices(campaign));
    }

    private List<PlannedPlay> plays(Campaign campaign, Schedule schedule, Instant from, Instant until, List<Device> targets) {
        return plays(campaign, airing(schedule, from, until), targets);
    }

    private List<Occurrence> airing(Schedule schedule, Instant from, Instant until) {
        return airings.starts(schedule, from, until).stream().filter(o -> !o.excluded()).toList();
    }

    /** The schedule's PLANNED airings of these starts, as logs to write; the overlaps are the agents' to resolve. */
    private List<PlannedPlay> plays(Campaign campaign, List<Occurrence> occurrences, List<Device> targets) {
        List<PlannedPlay> plays = new ArrayList<>();
        airings.each(airRules.of(campaign, targets), occurrences, a -> {
            if (a.planned()) {
                plays.add(new PlannedPlay(campaign.id(), a.itemId(), a.deviceId(), a.mediaId(), a.startAt(), campaign.playUntil()));
            }
        });
        return plays;
    }

    /** The campaign's rule triggers as its rules now say (on approval, resume and an approved edit). */
    private void replaceRuleTriggers(long campaignId) {
        campaigns.find(campaignId).ifPresent(c -> triggers.replaceRuleTriggers(campaignId, campaigns.schedule(c), clock.instant()));
    }

    private DispatchCursorRepository cursors() {
        return jdbi.onDemand(DispatchCursorRepository.class);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
