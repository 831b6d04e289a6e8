package communecast.app.playlog;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import communecast.app.db.Deadlocks;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The broadcast logs: planned by dispatch, confirmed by devices, closed by the MISSED sweep. */
@Singleton
public class PlayLog {
    /** Overdue plays are marked MISSED this many per transaction: a long outage must not lock a province at once. */
    static final int SWEEP_CHUNK = 1000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration missedGrace;

    /** {@code missedGrace}: how long after its time a play with no word from its device is still awaited. */
    PlayLog(Jdbi jdbi, Clock clock, ZoneId zone, @Value("${communecast.playlog.missed-grace:2m}") Duration missedGrace) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.missedGrace = missedGrace;
    }

    public Duration missedGrace() {
        return missedGrace;
    }

    /** Records the plays (once each, however often asked) and returns the campaign's PENDING logs in the window. */
    public List<BroadcastLog> plan(long campaignId, List<PlannedPlay> plays, Instant from, Instant to) {
        return inTransaction(handle -> {
            BroadcastLogRepository logs = handle.attach(BroadcastLogRepository.class);
            if (!plays.isEmpty()) {
                logs.plan(inDeviceOrder(plays), clock.instant());
            }
            return logs.pendingOfCampaign(campaignId, from, to);
        });
    }

    /**
     * Each row's device key takes a shared lock on its device: in id order, as presence and heartbeat batches
     * lock devices, so a province-wide emergency cannot deadlock with ten thousand links opening.
     */
    private static List<PlannedPlay> inDeviceOrder(Collection<PlannedPlay> plays) {
        return plays.stream().sorted(Comparator.comparingLong(PlannedPlay::deviceId)).toList();
    }

    /** Applies a device's report. Committed when this returns: only then may the device be told so. */
    public Outcome report(long deviceId, PlayReport report) {
        return reportAll(List.of(new DeviceReport(deviceId, report))).getFirst();
    }

    /** A report and the device it came from. */
    public record DeviceReport(long deviceId, PlayReport report) {
    }

    /**
     * Applies the reports in order, in one transaction: all are committed when this returns, or none. Their logs
     * are read and locked in one query and changed in one batch (ten thousand devices report an emergency at once).
     */
    public List<Outcome> reportAll(List<DeviceReport> reports) {
        return inTransaction(handle -> {
            // Attached once: attaching builds the repository's configuration anew each time.
            BroadcastLogRepository logs = handle.attach(BroadcastLogRepository.class);
            List<Long> ids = reports.stream().map(r -> r.report().orderId()).distinct().sorted().toList();
            Map<Long, BroadcastLog> current = new HashMap<>();
            if (!ids.isEmpty()) {
                logs.lockAll(ids).forEach(log -> current.put(log.id(), log));
            }
            List<BroadcastLogRepository.Reported> changed = new ArrayList<>();
            RollupChange rollup = new RollupChange(zone);
            List<Outcome> outcomes = reports.stream().map(r -> apply(current, changed, rollup, r.deviceId(), r.report())).toList();
            if (!changed.isEmpty()) {
                logs.reportAll(changed);
            }
            rollup.writeTo(handle.attach(BroadcastDayRepository.class));
            return outcomes;
        });
    }

    /** {@code current}: the batch's logs as its earlier reports left them (one order's PLAYING, then its PLAYED). */
    private Outcome apply(Map<Long, BroadcastLog> current, List<BroadcastLogRepository.Reported> changed, RollupChange rollup,
                          long deviceId, PlayReport report) {
        if (!LogStatus.REPORTABLE.contains(report.status())) {
            return Outcome.rejected("a device cannot report " + report.status());
        }
        BroadcastLog log = current.get(report.orderId());
        if (log == null || log.deviceId() != deviceId) {
            return Outcome.rejected("order " + report.orderId() + " is not this device's");
        }
        if (log.status() != report.status() && log.status().acceptsReport(report.status())) {
            Instant now = clock.instant();
            changed.add(new BroadcastLogRepository.Reported(log.id(), report.status(), report.startedAt(), report.endedAt(), report.reason(), now));
            BroadcastLog after = log.reported(report.status(), report.startedAt(), report.endedAt(), report.reason());
            rollup.move(log, report.status(), after.startedAt(), after.endedAt());
            current.put(log.id(), after);
        }
        return Outcome.ACCEPTED;
    }

    /** Withdraws the campaign's plays that have not started; returns them so devices can be told. */
    public List<BroadcastLog> cancelFuture(long campaignId, String reason) {
        return takeBack(campaignId, reason, false);
    }

    /** As {@link #cancelFuture}, marked as a pause's: {@link #reinstate} brings back those still ahead. */
    public List<BroadcastLog> pauseFuture(long campaignId, String reason) {
        return takeBack(campaignId, reason, true);
    }

    private List<BroadcastLog> takeBack(long campaignId, String reason, boolean paused) {
        return inTransaction(handle -> {
            BroadcastLogRepository logs = handle.attach(BroadcastLogRepository.class);
            List<BroadcastLog> future = logs.lockFutureOfCampaign(campaignId, clock.instant());
            cancel(handle, logs, future, reason, paused, clock.instant());
            return future;
        });
    }

    /** Withdraws every play of the device that has not started, emergencies still inside their window too, and any a pause holds. */
    public List<BroadcastLog> cancelFutureOfDevice(long deviceId, String reason) {
        return inTransaction(handle -> {
            BroadcastLogRepository logs = handle.attach(BroadcastLogRepository.class);
            List<BroadcastLog> future = logs.lockFutureOfDevice(deviceId, clock.instant());
            cancel(handle, logs, future, reason, false, clock.instant());
            logs.unpauseOfDevice(deviceId, reason, clock.instant());
            return future;
        });
    }

    /** Undoes {@link #pauseFuture} for plays still ahead (the pause resumed); returns them PENDING again, to be sent. */
    public List<BroadcastLog> reinstate(long campaignId) {
        return inTransaction(handle -> {
            BroadcastLogRepository logs = handle.attach(BroadcastLogRepository.class);
            List<BroadcastLog> ahead = logs.lockTakenBackAfter(campaignId, true, clock.instant());
            if (ahead.isEmpty()) {
                return ahead;
            }
            logs.reinstate(ahead.stream().map(BroadcastLog::id).toList(), true, clock.instant());
            rollUp(handle, ahead, LogStatus.Move.REINSTATE.to());
            return ahead;
        });
    }

    /**
     * After an approved edit, the campaign's plays not yet aired become exactly {@code wanted}: a play still
     * wanted (same device, media and time; the level unchanged, as it travels in the order) keeps its log and
     * so its order on the device; one no longer wanted is cancelled; a new one is planned.
     */
    public Replan replan(long campaignId, List<PlannedPlay> wanted, boolean keepNone, String reason) {
        return inTransaction(handle -> {
            BroadcastLogRepository logs = handle.attach(BroadcastLogRepository.class);
            Instant now = clock.instant();
            Map<PlayKey, PlannedPlay> toPlan = new LinkedHashMap<>();
            wanted.forEach(p -> toPlan.put(PlayKey.of(p), p));
            List<BroadcastLog> dropped = new ArrayList<>();
            List<BroadcastLog> kept = new ArrayList<>();
            List<Long> keptItems = new ArrayList<>();
            for (BroadcastLog log : logs.lockFutureOfCampaign(campaignId, now)) {
                PlannedPlay same = keepNone ? null : toPlan.remove(PlayKey.of(log));
                if (same == null) {
                    dropped.add(log);
                } else {
                    kept.add(log);
                    keptItems.add(same.itemId());
                }
            }
            cancel(handle, logs, dropped, reason, false, now);
            if (!kept.isEmpty()) {
                logs.repoint(kept.stream().map(BroadcastLog::id).toList(), keptItems, now);
            }
            revive(handle, logs, campaignId, toPlan, now);
            if (!toPlan.isEmpty()) {
                logs.plan(inDeviceOrder(toPlan.values()), now);
            }
            return new Replan(dropped, logs.lockFutureOfCampaign(campaignId, now));
        });
    }

    /**
     * A wanted play withdrawn earlier (quiet hours set, then lifted) comes back as its own log, taken out of
     * {@code toPlan}: the unique play key (item, device, time) would silently ignore a new one.
     */
    private void revive(Handle handle, BroadcastLogRepository logs, long campaignId, Map<PlayKey, PlannedPlay> toPlan, Instant now) {
        if (toPlan.isEmpty()) {
            return;
        }
        Map<Slot, BroadcastLog> withdrawn = new HashMap<>();
        logs.lockTakenBackAfter(campaignId, false, now).forEach(l -> withdrawn.put(new Slot(l.itemId(), l.deviceId(), l.scheduledAt()), l));
        List<BroadcastLog> back = new ArrayList<>();
        toPlan.values().removeIf(p -> {
            BroadcastLog log = withdrawn.get(new Slot(p.itemId(), p.deviceId(), p.scheduledAt()));
            return log != null && log.mediaId() == p.mediaId() && back.add(log);
        });
        if (!back.isEmpty()) {
            logs.reinstate(back.stream().map(BroadcastLog::id).toList(), false, now);
            rollUp(handle, back, LogStatus.Move.REINSTATE.to());
        }
    }

    /** The unique key of a play in broadcast_log. */
    private record Slot(long itemId, long deviceId, Instant at) {
    }

    /** The plays a pause took back stay cancelled, for {@code reason} now: its resume no longer brings them back. */
    public void unpause(long campaignId, String reason) {
        repo().unpause(campaignId, reason, clock.instant(), clock.instant());
    }

    /** What an edit changed: the plays withdrawn, and every play of the campaign now pending. */
    public record Replan(List<BroadcastLog> dropped, List<BroadcastLog> pending) {
    }

    private record PlayKey(long deviceId, long mediaId, Instant at) {
        static PlayKey of(PlannedPlay p) {
            return new PlayKey(p.deviceId(), p.mediaId(), p.scheduledAt());
        }

        static PlayKey of(BroadcastLog l) {
            return new PlayKey(l.deviceId(), l.mediaId(), l.scheduledAt());
        }
    }

    /** What the device should hold: its PENDING plays still awaited (their grace not over). */
    public List<BroadcastLog> pendingOf(long deviceId) {
        Instant now = clock.instant();
        return repo().pendingOfDevice(deviceId, now.minus(missedGrace), now);
    }

    /** These orders reached their devices' links, each at its instant; one transaction for the lot. */
    public void delivered(Map<Long, Instant> atByLogId) {
        if (atByLogId.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(atByLogId.keySet());
        jdbi.useTransaction(handle -> handle.attach(BroadcastLogRepository.class)
                .delivered(ids, ids.stream().map(atByLogId::get).toList()));
    }

    /** Plays of these devices scheduled in [from, to), per status. */
    public Map<LogStatus, Long> countsByStatus(Collection<Long> deviceIds, Instant from, Instant to) {
        return deviceIds.isEmpty() ? Map.of() : repo().countsByStatus(deviceIds, from, to);
    }

    /** The campaigns on air now on these devices, with how many of them each. */
    public List<OnAir> onAir(Collection<Long> deviceIds) {
        return deviceIds.isEmpty() ? List.of() : repo().onAir(deviceIds);
    }

    public List<BroadcastLog> ofCampaign(long campaignId) {
        return repo().ofCampaign(campaignId);
    }

    public List<BroadcastLog> playingOf(long campaignId) {
        return repo().playingOfCampaign(campaignId);
    }

    public List<Long> devicesWithPending(long mediaId, Instant after) {
        return repo().devicesWithPending(mediaId, after);
    }

    public List<Long> campaignsWithPendingAfter(Instant after) {
        return repo().campaignsWithPendingAfter(after);
    }

    public boolean deviceHasMedia(long deviceId, long mediaId) {
        return repo().deviceHasMedia(deviceId, mediaId);
    }

    /** A campaign's plays per device and per day: what its report is made of. One snapshot, so the counts add up. */
    public Tallies tallies(long campaignId) {
        return inTransaction(handle -> {
            BroadcastDayRepository days = handle.attach(BroadcastDayRepository.class);
            return new Tallies(List.of(), days.campaignByDevice(campaignId), days.campaignByDay(campaignId), openOf(handle, campaignId));
        });
    }

    /** A campaign's plays on these devices only: a commune's share of a wider area's campaign; one snapshot. */
    public Tallies tallies(long campaignId, Collection<Long> deviceIds) {
        if (deviceIds.isEmpty()) {
            return new Tallies(List.of(), List.of(), List.of(), List.of());
        }
        Set<Long> mine = Set.copyOf(deviceIds);
        return inTransaction(handle -> {
            BroadcastDayRepository days = handle.attach(BroadcastDayRepository.class);
            List<Tally> open = openOf(handle, campaignId).stream().filter(t -> mine.contains(t.deviceId())).toList();
            return new Tallies(List.of(), days.campaignByDeviceOf(campaignId, mine), days.campaignByDayOf(campaignId, mine), open);
        });
    }

    /** The campaign's plays not yet final, one tally per device and local day. */
    private List<Tally> openOf(Handle handle, long campaignId) {
        BroadcastLogRepository logs = handle.attach(BroadcastLogRepository.class);
        OpenRange range = logs.openRange(campaignId);
        return range.first() == null ? List.of() : OffsetSpan.of(zone, range.first(), range.last().plusMillis(1)).stream()
                .flatMap(span -> logs.openOfCampaign(campaignId, span.from(), span.to(), span.offsetSeconds()).stream()).toList();
    }

    /** The plays of these devices from {@code from} to {@code to} (local dates, inclusive) per campaign, device and day; one snapshot. */
    public Tallies tallies(Collection<Long> deviceIds, LocalDate from, LocalDate to) {
        if (deviceIds.isEmpty()) {
            return new Tallies(List.of(), List.of(), List.of(), List.of());
        }
        return inTransaction(handle -> {
            BroadcastDayRepository days = handle.attach(BroadcastDayRepository.class);
            BroadcastLogRepository logs = handle.attach(BroadcastLogRepository.class);
            List<Tally> open = OffsetSpan.of(zone, from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant()).stream()
                    .flatMap(span -> logs.openOfDevices(deviceIds, span.from(), span.to(), span.offsetSeconds()).stream()).toList();
            List<Tally> byCampaignAndDevice = days.devicesByCampaignAndDevice(deviceIds, from, to);
            return new Tallies(byCampaignAndDevice, byCampaignAndDevice, days.devicesByDay(deviceIds, from, to), open);
        });
    }

    public List<Shortfall> shortfalls(long campaignId) {
        return repo().shortfalls(campaignId);
    }

    public List<Shortfall> shortfalls(long campaignId, Collection<Long> deviceIds) {
        return deviceIds.isEmpty() ? List.of() : repo().shortfallsOf(campaignId, deviceIds);
    }

    /**
     * Plays with no word from the device {@code grace} after their time become MISSED. One reason for all of
     * them (not the instant of the sweep), so the report counts them on one line.
     */
    int sweepMissed() {
        return sweepMissed(missedGrace);
    }

    int sweepMissed(Duration grace) {
        String reason = "no report from the device within " + grace.toSeconds() + " s of its time";
        int swept = 0;
        int chunk;
        do {
            chunk = inTransaction(handle -> {
                BroadcastLogRepository logs = handle.attach(BroadcastLogRepository.class);
                Instant now = clock.instant();
                List<BroadcastLog> overdue = logs.lockOverdue(now.minus(grace), now, SWEEP_CHUNK);
                if (!overdue.isEmpty()) {
                    logs.missed(overdue.stream().map(BroadcastLog::id).toList(), reason, now);
                    rollUp(handle, overdue, LogStatus.Move.MISS.to());
                }
                return overdue.size();
            });
            swept += chunk;
        } while (chunk == SWEEP_CHUNK);
        return swept;
    }

    /** The locked logs cancelled (marked as a pause's if {@code paused}) and so counted in the roll-up, in the caller's transaction. */
    private void cancel(Handle handle, BroadcastLogRepository logs, List<BroadcastLog> locked, String reason, boolean paused, Instant now) {
        if (!locked.isEmpty()) {
            logs.cancel(locked.stream().map(BroadcastLog::id).toList(), reason, paused, now);
            rollUp(handle, locked, LogStatus.Move.CANCEL.to());
        }
    }

    /** The logs' move to {@code status}, their play times unchanged, counted in the daily roll-up by the caller's transaction. */
    private void rollUp(Handle handle, List<BroadcastLog> logs, LogStatus status) {
        new RollupChange(zone).move(logs, status).writeTo(handle.attach(BroadcastDayRepository.class));
    }

    /** Each unit here is a transaction of its own, run again if the database undid it for a deadlock. */
    private <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        return Deadlocks.retried(() -> jdbi.inTransaction(work));
    }

    private BroadcastLogRepository repo() {
        return jdbi.onDemand(BroadcastLogRepository.class);
    }

    /** Whether the server keeps a report; a rejected one will never be kept, so the device may drop it. */
    public record Outcome(boolean accepted, String reason) {
        static final Outcome ACCEPTED = new Outcome(true, null);

        static Outcome rejected(String reason) {
            return new Outcome(false, reason);
        }
    }
}
