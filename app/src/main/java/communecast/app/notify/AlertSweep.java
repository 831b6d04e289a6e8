package communecast.app.notify;

import communecast.app.notify.NotifyRepository.AlertDevice;
import communecast.app.notify.NotifyRepository.FailedPlay;
import communecast.app.notify.Outbox.Area;
import communecast.app.web.LocalTimes;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what the devices and plays say into alerts, each once: a device offline for
 * {@link NotifySettings#offlineAfter} and back online, dead air and sound back, a failed play. Safe on every node
 * of a cluster: a device's alert is raised by the node whose insert of its {@code device_alert} row took, and
 * recovered by the one whose delete did; a failed play is announced by the node whose event took its log id.
 */
@Singleton
final class AlertSweep {
    private static final Logger LOG = LoggerFactory.getLogger(AlertSweep.class);
    private static final int BATCH = 500;
    private static final String FAILED_PLAYS = "failed-plays";
    /** Reports committed out of order by a few seconds are still read: the log id keeps each one single. */
    private static final Duration OVERLAP = Duration.ofMinutes(2);

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final NotifySettings settings;
    private final Clock clock;
    private final LocalTimes times;
    /** Devices get offlineAfter to link again after this server starts before any is reported offline. */
    private final Instant startedAt;

    AlertSweep(Jdbi jdbi, Outbox outbox, NotifySettings settings, Clock clock, LocalTimes times) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.times = times;
        this.startedAt = clock.instant();
    }

    @Scheduled(fixedDelay = "${communecast.notify.check-every:15s}", initialDelay = "${communecast.notify.check-first-after:20s}")
    void sweep() {
        Instant now = clock.instant();
        int raised = 0;
        if (!now.isBefore(startedAt.plus(settings.offlineAfter()))) {
            raised += raiseEach(repo().offlineSince(now.minus(settings.offlineAfter()), BATCH), "OFFLINE", EventType.DEVICE_OFFLINE);
        }
        raised += recoverEach("OFFLINE", EventType.DEVICE_ONLINE);
        raised += raiseEach(repo().inDeadAir(BATCH), "DEAD_AIR", EventType.DEAD_AIR);
        raised += recoverEach("DEAD_AIR", EventType.SOUND_BACK);
        raised += failedPlays(now);
        if (raised > 0) {
            LOG.info("{} alerts raised", raised);
        }
    }

    private int raiseEach(List<AlertDevice> devices, String kind, EventType type) {
        int raised = 0;
        for (AlertDevice d : devices) {
            Instant now = clock.instant();
            raised += jdbi.inTransaction(handle -> {
                NotifyRepository repo = handle.attach(NotifyRepository.class);
                if (repo.raise(d.id(), kind, now) == 0) {
                    return 0;
                }
                outbox.publish(repo, type, area(d), d.id(), null, now, raisedFields(type, d));
                return 1;
            });
        }
        return raised;
    }

    private int recoverEach(String kind, EventType type) {
        int recovered = 0;
        for (AlertDevice d : repo().recovered(kind, BATCH)) {
            Instant now = clock.instant();
            recovered += jdbi.inTransaction(handle -> {
                NotifyRepository repo = handle.attach(NotifyRepository.class);
                if (repo.clear(d.id(), kind) == 0 || d.retired()) {
                    return 0;
                }
                outbox.publish(repo, type, area(d), d.id(), null, now, recoveredFields(type, d, now));
                return 1;
            });
        }
        return recovered;
    }

    private int failedPlays(Instant now) {
        NotifyRepository repo = repo();
        Instant from = repo.watermark(FAILED_PLAYS).orElse(null);
        if (from == null) {
            // The first sweep ever: what failed before alerts existed is not news.
            repo.watermark(FAILED_PLAYS, now);
            return 0;
        }
        List<FailedPlay> plays = repo.failedPlays(from.minus(OVERLAP), now, BATCH);
        int announced = 0;
        for (FailedPlay p : plays) {
            announced += jdbi.inTransaction(handle -> outbox.publish(handle.attach(NotifyRepository.class),
                    EventType.PLAY_FAILED, new Area(p.areaId(), p.areaCode(), p.areaName()), p.deviceId(), p.logId(),
                    p.updatedAt(), failedFields(p)).isPresent() ? 1 : 0);
        }
        Instant readTo = plays.size() < BATCH ? now : plays.getLast().updatedAt();
        repo.watermark(FAILED_PLAYS, readTo);
        return announced;
    }

    private Map<String, Object> raisedFields(EventType type, AlertDevice d) {
        Map<String, Object> fields = device(d);
        if (type == EventType.DEVICE_OFFLINE) {
            fields.put("since", outbox.local(d.lastSeenAt()));
            fields.put("text", d.name() + " (" + d.areaName() + ") mất kết nối từ " + shown(d.lastSeenAt()) + ".");
        } else {
            fields.put("silenceSeconds", d.silenceSeconds());
            fields.put("text", d.name() + " (" + d.areaName() + ") đang phát im lặng"
                    + (d.silenceSeconds() == null ? "" : " (" + d.silenceSeconds() + " giây)") + ".");
        }
        return fields;
    }

    private Map<String, Object> recoveredFields(EventType type, AlertDevice d, Instant now) {
        Map<String, Object> fields = device(d);
        fields.put("alertSince", outbox.local(d.raisedAt()));
        if (type == EventType.DEVICE_ONLINE) {
            fields.put("text", d.name() + " (" + d.areaName() + ") đã kết nối lại lúc " + shown(now) + ".");
        } else {
            fields.put("text", d.name() + " (" + d.areaName() + ") đã có tiếng trở lại lúc " + shown(now) + ".");
        }
        return fields;
    }

    private Map<String, Object> failedFields(FailedPlay p) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("device", Map.of("id", p.deviceId(), "name", p.deviceName(), "kind", p.deviceKind()));
        Map<String, Object> play = new LinkedHashMap<>();
        play.put("logId", p.logId());
        play.put("campaignId", p.campaignId());
        play.put("campaign", p.campaignName());
        play.put("scheduledAt", outbox.local(p.scheduledAt()));
        play.put("reason", p.reason());
        fields.put("play", play);
        fields.put("text", p.deviceName() + " (" + p.areaName() + ") không phát được «" + p.campaignName() + "» lúc "
                + shown(p.scheduledAt()) + (p.reason() == null ? "." : ": " + p.reason()));
        return fields;
    }

    private static Map<String, Object> device(AlertDevice d) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("device", Map.of("id", d.id(), "name", d.name(), "kind", d.kind()));
        return fields;
    }

    private static Area area(AlertDevice d) {
        return new Area(d.areaId(), d.areaCode(), d.areaName());
    }

    private String shown(Instant at) {
        return times.minute(at);
    }

    private NotifyRepository repo() {
        return jdbi.onDemand(NotifyRepository.class);
    }
}
