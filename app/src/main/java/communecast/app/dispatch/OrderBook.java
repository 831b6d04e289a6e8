package communecast.app.dispatch;

import communecast.app.agentlink.AgentSessions;
import communecast.app.agentlink.Messages;
import communecast.app.campaign.Campaign;
import communecast.app.campaign.Campaigns;
import communecast.app.media.MediaItem;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.media.MediaLibrary;
import communecast.app.media.Rendition;
import communecast.app.playlog.BroadcastLog;
import jakarta.inject.Singleton;

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
    private final StripedLocks locks = new StripedLocks();

    OrderBook(AgentSessions sessions, Campaigns campaigns, MediaLibrary media, Devices devices, ZoneId zone) {
        this.sessions = sessions;
        this.campaigns = campaigns;
        this.media = media;
        this.devices = devices;
        this.zone = zone;
    }

    /** Adds these plays to the orders of each target device that is connected. */
    void push(List<BroadcastLog> logs) {
        logs.stream().collect(Collectors.groupingBy(BroadcastLog::deviceId)).forEach((deviceId, ofDevice) -> {
            synchronized (lock(deviceId)) {
                sessions.send(deviceId, new Messages.Orders(false, orders(deviceId, ofDevice)));
            }
        });
    }

    /**
     * Everything the device should hold now; it drops what is not listed. Read and sent under the device's
     * lock, so a push cannot slip in between and then be dropped by an older full list.
     */
    void sync(long deviceId, Supplier<List<BroadcastLog>> pending) {
        synchronized (lock(deviceId)) {
            sessions.send(deviceId, new Messages.Orders(true, orders(deviceId, pending.get())));
        }
    }

    void withdraw(List<BroadcastLog> logs, String reason) {
        logs.stream().collect(Collectors.groupingBy(BroadcastLog::deviceId)).forEach((deviceId, ofDevice) -> {
            synchronized (lock(deviceId)) {
                sessions.send(deviceId, new Messages.Withdraw(ofDevice.stream().map(BroadcastLog::id).toList(), reason));
            }
        });
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
                orders.add(new Messages.Order(log.id(), log.campaignId(), item.id(), rendition.sha256(), "/agent/media/" + item.id(),
                        rendition.kind().name(), rendition.durationMs() == null ? 0 : rendition.durationMs(),
                        log.scheduledAt().atZone(zone).toOffsetDateTime(), c.level().name()));
            });
        }
        return orders;
    }
}
