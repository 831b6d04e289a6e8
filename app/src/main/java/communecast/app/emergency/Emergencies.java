package communecast.app.emergency;

import communecast.app.area.Areas;
import communecast.app.campaign.Campaign;
import communecast.app.campaign.Campaigns;
import communecast.app.schedule.Level;
import communecast.app.campaign.NewCampaign;
import communecast.app.campaign.RuleSpec;
import communecast.app.device.Devices;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.playlog.BroadcastLog;
import communecast.app.playlog.LogStatus;
import communecast.app.playlog.PlayLog;
import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Phát khẩn cấp: an EMERGENCY campaign made and dispatched at once. Its plays interrupt whatever airs, ignore
 * quiet hours, and reach a device that links late as long as the window is open.
 */
@Singleton
public class Emergencies {
    static final int MAX_REPEAT = 10;
    static final int MAX_VALID_MINUTES = 240;
    private static final int MAX_LISTED = 200;
    /** Silence between repeats, so listeners hear them as separate announcements. */
    private static final Duration GAP = Duration.ofSeconds(2);
    /**
     * Time for the orders to reach every connected agent and for each to open the file: every device on
     * air within a second of the POST. An agent still fetching a new file starts late, as soon as it has it.
     */
    private static final Duration FIRST_PLAY_AFTER = Duration.ofMillis(800);

    private final Campaigns campaigns;
    private final MediaLibrary media;
    private final PlayLog playLog;
    private final Devices devices;
    private final Areas areas;
    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;

    Emergencies(Campaigns campaigns, MediaLibrary media, PlayLog playLog, Devices devices, Areas areas,
                Jdbi jdbi, Clock clock, ZoneId zone) {
        this.areas = areas;
        this.campaigns = campaigns;
        this.media = media;
        this.playLog = playLog;
        this.devices = devices;
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
    }

    public EmergencyStatus start(CurrentUser user, NewEmergency request) {
        if (request == null || request.mediaId() == null) {
            throw ApiException.badRequest("MISSING_FIELD", "mediaId is required");
        }
        int repeat = request.repeat() == null ? 1 : request.repeat();
        int validMinutes = request.validMinutes() == null ? 15 : request.validMinutes();
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw ApiException.badRequest("BAD_REPEAT", "repeat must be 1.." + MAX_REPEAT);
        }
        if (validMinutes < 1 || validMinutes > MAX_VALID_MINUTES) {
            throw ApiException.badRequest("BAD_WINDOW", "validMinutes must be 1.." + MAX_VALID_MINUTES);
        }
        MediaItem item = media.visible(user, request.mediaId());
        Duration length = Duration.ofMillis(item.durationMs() == null ? 0 : item.durationMs());
        LocalDateTime first = LocalDateTime.ofInstant(clock.instant().plus(FIRST_PLAY_AFTER), zone).truncatedTo(ChronoUnit.MILLIS);
        List<NewCampaign.Item> items = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            LocalDateTime at = first.plus(length.plus(GAP).multipliedBy(i)).truncatedTo(ChronoUnit.MILLIS);
            items.add(new NewCampaign.Item(item.id(), new RuleSpec("ONCE", at.toString(), null, null, null, null, null), null));
        }
        LocalDateTime last = first.plus(length.plus(GAP).multipliedBy(repeat - 1));
        String title = request.title() == null || request.title().isBlank() ? "Khẩn cấp: " + item.title() : request.title().trim();
        // Known before the first dispatch: a fan-out to many devices reaches the last ones late, and they still air it.
        Instant validUntil = first.atZone(zone).toInstant().plus(Duration.ofMinutes(validMinutes));
        Campaign campaign = campaigns.startEmergency(user, new NewCampaign(title, null, Level.EMERGENCY, first.toLocalDate(),
                last.toLocalDate(), List.of(), new Campaign.Targets(request.areaIds(), request.deviceIds(), null), items), validUntil);
        long id = repo().insert(campaign.id(), item.id(), repeat, validUntil, user.id(), clock.instant());
        return status(id);
    }

    /** The emergencies this user may follow, newest first: who fired each and when, who stopped it. */
    public List<EmergencySummary> latest(CurrentUser user, int limit) {
        if (limit < 1 || limit > MAX_LISTED) {
            throw ApiException.badRequest("BAD_LIMIT", "limit must be 1.." + MAX_LISTED);
        }
        Set<Long> owners = areas.sharingAreaIds(user);
        return repo().latestVisible(owners == null, owners == null ? List.of() : owners, limit);
    }

    /** Whether {@link #stop} would take this user's stop now: its campaign is theirs to cancel, and it still runs. */
    public boolean mayStop(CurrentUser user, EmergencyStatus status) {
        return status.stoppedAt() == null && clock.instant().isBefore(status.validUntil())
                && user.has(Role.ADMIN, Role.EDITOR, Role.APPROVER)
                && campaigns.find(status.campaignId()).map(c -> campaigns.inside(user, c)).orElse(false);
    }

    public EmergencyStatus stop(CurrentUser user, long id) {
        EmergencyRepository.Row row = visibleRow(user, id);
        if (row.stoppedAt() != null) {
            throw ApiException.conflict("ALREADY_STOPPED", "emergency " + id + " was stopped at " + row.stoppedAt());
        }
        campaigns.cancel(user, row.campaignId());
        repo().stop(id, user.id(), clock.instant());
        return status(id);
    }

    public EmergencyStatus status(CurrentUser user, long id) {
        return viewFor(user, id).apply(status(id));
    }

    /**
     * The status as this user may see it: rights and the user's devices are read once, here, and the view is
     * applied to each status read for everyone following the emergency (the event stream reads it twice a second).
     */
    UnaryOperator<EmergencyStatus> viewFor(CurrentUser user, long id) {
        visibleRow(user, id);
        // A commune may follow a wider area's emergency, but other communes' devices (names, states) are theirs.
        Predicate<Long> visible = devices.visibleTo(user);
        return status -> status.withDevices(status.devices().stream().filter(d -> visible.test(d.deviceId())).toList());
    }

    /**
     * Reads the whole status anew on each call, whoever asks; device names once per device (over a province's
     * 10,000 devices they were the bigger of the two reads).
     */
    Supplier<EmergencyStatus> reader(long id) {
        Map<Long, String> names = new ConcurrentHashMap<>();
        return () -> status(id, names);
    }

    /** True once nothing can change any more: every play final, or the window closed. */
    boolean settled(EmergencyStatus status) {
        return status.stoppedAt() != null || clock.instant().isAfter(status.validUntil())
                || status.devices().stream().allMatch(d -> LogStatus.isFinal(d.state()));
    }

    private EmergencyRepository.Row visibleRow(CurrentUser user, long id) {
        EmergencyRepository.Row row = repo().find(id).orElseThrow(() -> ApiException.notFound("emergency", id));
        campaigns.visible(user, row.campaignId());
        return row;
    }

    private EmergencyStatus status(long id) {
        return status(id, new HashMap<>());
    }

    /** {@code names}: the device names known so far; those missing are read and added. */
    private EmergencyStatus status(long id, Map<Long, String> names) {
        EmergencyRepository.Row row = repo().find(id).orElseThrow(() -> ApiException.notFound("emergency", id));
        Map<Long, List<BroadcastLog>> byDevice = playLog.ofCampaign(row.campaignId()).stream()
                .collect(Collectors.groupingBy(BroadcastLog::deviceId));
        List<Long> unnamed = byDevice.keySet().stream().filter(d -> !names.containsKey(d)).toList();
        if (!unnamed.isEmpty()) {
            devices.byIds(unnamed).forEach(d -> names.put(d.id(), d.name()));
        }
        // Presence as the database has it: a device linked through another node counts as online too.
        Set<Long> online = devices.onlineAmong(byDevice.entrySet().stream().filter(e -> awaitsDelivery(e.getValue()))
                .map(Map.Entry::getKey).toList());
        List<EmergencyStatus.DeviceState> states = byDevice.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> state(e.getKey(), names.getOrDefault(e.getKey(), "?"), e.getValue(), online)).toList();
        return new EmergencyStatus(row.id(), row.campaignId(), row.mediaId(), row.repeatCount(), row.validUntil(), row.username(),
                row.createdAt(), row.stoppedBy(), row.stoppedAt(), states);
    }

    /** Pending plays, none delivered yet: whether the device is linked decides between PENDING and OFFLINE. */
    private static boolean awaitsDelivery(List<BroadcastLog> plays) {
        return plays.stream().noneMatch(p -> p.status() == LogStatus.PLAYING)
                && plays.stream().anyMatch(p -> p.status() == LogStatus.PENDING)
                && plays.stream().noneMatch(p -> p.deliveredAt() != null);
    }

    private EmergencyStatus.DeviceState state(long deviceId, String name, List<BroadcastLog> plays, Set<Long> online) {
        int played = (int) plays.stream().filter(p -> p.status() == LogStatus.PLAYED).count();
        BroadcastLog latest = plays.stream().filter(p -> p.status() != LogStatus.PENDING).reduce((a, b) -> b).orElse(null);
        String state;
        if (plays.stream().anyMatch(p -> p.status() == LogStatus.PLAYING)) {
            state = "PLAYING";
        } else if (plays.stream().anyMatch(p -> p.status() == LogStatus.PENDING)) {
            state = awaitsDelivery(plays) ? (online.contains(deviceId) ? "PENDING" : "OFFLINE") : "DELIVERED";
        } else {
            state = played == plays.size() ? "PLAYED" : latest == null ? "PENDING" : latest.status().name();
        }
        return new EmergencyStatus.DeviceState(deviceId, name, state, played, latest == null ? null : latest.reason());
    }

    private EmergencyRepository repo() {
        return jdbi.onDemand(EmergencyRepository.class);
    }
}
