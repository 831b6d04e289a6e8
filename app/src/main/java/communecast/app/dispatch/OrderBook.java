package communecast.app.dispatch;

import communecast.app.agentlink.AgentSessions;
import communecast.app.agentlink.Messages;
import communecast.app.campaign.Campaign;
import communecast.app.campaign.Campaigns;
import communecast.app.media.MediaItem;
import communecast.media.MediaKind;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.media.MediaLibrary;
import communecast.app.media.Rendition;
import communecast.app.playlog.BroadcastLog;
import communecast.app.playlog.PlayLog;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Turns broadcast logs into play orders (protocol v1) and hands them to connected agents. */
@Singleton
final class OrderBook {
    private final AgentSessions sessions;
    private final Campaigns campaigns;
    private final MediaLibrary media;
    private final Devices devices;
    private final ZoneId zone;
    private final PlayLog playLog;
    private final Clock clock;
    private final StripedLocks locks = new StripedLocks();
    /** Time for a late device to fetch the file and get ready. */
    private static final Duration LATE_EMERGENCY_LEAD = Duration.ofSeconds(2);

    OrderBook(AgentSessions sessions, Campaigns campaigns, MediaLibrary media, Devices devices, ZoneId zone, PlayLog playLog, Clock clock) {
        this.sessions = sessions;
        this.campaigns = campaigns;
        this.media = media;
        this.devices = devices;
        this.zone = zone;
        this.playLog = playLog;
        this.clock = clock;
    }

    /** Adds these plays to the orders of each target device that is connected. */
    void push(List<BroadcastLog> logs) {
        logs.stream().collect(Collectors.groupingBy(BroadcastLog::deviceId)).forEach((deviceId, ofDevice) -> {
            synchronized (lock(deviceId)) {
                send(deviceId, false, ofDevice);
            }
        });
    }

    private void send(long deviceId, boolean complete, List<BroadcastLog> logs) {
        List<Messages.Order> orders = orders(deviceId, logs);
        if (sessions.send(deviceId, new Messages.Orders(complete, orders))) {
            playLog.delivered(orders.stream().map(Messages.Order::orderId).toList());
        }
    }

    /**
     * Everything the device should hold now; it drops what is not listed. Read and sent under the device's
     * lock, so a push cannot slip in between and then be dropped by an older full list.
     */
    void sync(long deviceId, Supplier<List<BroadcastLog>> pending) {
        synchronized (lock(deviceId)) {
            send(deviceId, true, pending.get());
        }
    }

    void withdraw(List<BroadcastLog> logs, String reason) {
        logs.stream().collect(Collectors.groupingBy(BroadcastLog::deviceId)).forEach((deviceId, ofDevice) -> {
            synchronized (lock(deviceId)) {
                sessions.send(deviceId, new Messages.Withdraw(ofDevice.stream().map(BroadcastLog::id).toList(), reason));
            }
        });
    }

    /**
     * An emergency reaching a device late (it linked after the broadcast began, inside the window) airs
     * from now on, its repeats keeping their spacing; anything else airs at its planned time.
     */
    private Instant startAt(BroadcastLog log, List<BroadcastLog> sent) {
        Instant soonest = clock.instant().plus(LATE_EMERGENCY_LEAD);
        if (log.playUntil() == null || !log.scheduledAt().isBefore(soonest)) {
            return log.scheduledAt();
        }
        Instant first = sent.stream().filter(l -> l.campaignId() == log.campaignId()).map(BroadcastLog::scheduledAt)
                .min(Instant::compareTo).orElse(log.scheduledAt());
        return log.scheduledAt().plus(Duration.between(first, soonest));
    }

    private Object lock(long deviceId) {
        return locks.of(deviceId);
    }

    /**
     * The orders for one device, each naming the file made for it. A play whose file is not made yet
     * (a new screen size) is left out; it goes out when that file is ready ({@code RenditionReady}).
     */
    private List<Messages.Order> orders(long deviceId, List<BroadcastLog> logs) {
        Device device = devices.find(deviceId).orElse(null);
        if (device == null || logs.isEmpty()) {
            return List.of();
        }
        List<Long> mediaIds = logs.stream().map(BroadcastLog::mediaId).distinct().toList();
        Map<Long, MediaItem> mediaById = media.byIds(mediaIds).stream().collect(Collectors.toMap(MediaItem::id, Function.identity()));
        List<Rendition> renditions = media.renditionsOf(mediaIds);
        Map<Long, Campaign> campaignById = new HashMap<>();
        List<Messages.Order> orders = new ArrayList<>();
        for (BroadcastLog log : logs) {
            MediaItem item = mediaById.get(log.mediaId());
            media.renditionFor(item, device, renditions).ifPresent(rendition -> {
                Campaign c = campaignById.computeIfAbsent(log.campaignId(), id -> campaigns.find(id).orElseThrow());
                boolean stream = item.kind() == MediaKind.STREAM;
                orders.add(new Messages.Order(log.id(), log.campaignId(), item.id(), rendition.sha256(),
                        stream ? item.streamUrl() : "/agent/media/" + item.id(), stream ? MediaKind.STREAM.name() : rendition.kind().name(),
                        rendition.durationMs() == null ? 0 : rendition.durationMs(),
                        startAt(log, logs).atZone(zone).toOffsetDateTime(), c.level().name()));
            });
        }
        return orders;
    }
}
