package communecast.app.dispatch;

import communecast.app.agentlink.AgentSessions;
import communecast.app.agentlink.Messages;
import communecast.app.campaign.Campaign;
import communecast.app.campaign.Campaigns;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.playlog.BroadcastLog;
import jakarta.inject.Singleton;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Turns broadcast logs into play orders (protocol v1) and hands them to connected agents. */
@Singleton
final class OrderBook {
    private final AgentSessions sessions;
    private final Campaigns campaigns;
    private final MediaLibrary media;
    private final ZoneId zone;
    private final Object[] locks = Stream.generate(Object::new).limit(64).toArray();

    OrderBook(AgentSessions sessions, Campaigns campaigns, MediaLibrary media, ZoneId zone) {
        this.sessions = sessions;
        this.campaigns = campaigns;
        this.media = media;
        this.zone = zone;
    }

    /** Adds these plays to the orders of each target device that is connected. */
    void push(List<BroadcastLog> logs) {
        logs.stream().collect(Collectors.groupingBy(BroadcastLog::deviceId)).forEach((deviceId, ofDevice) -> {
            synchronized (lock(deviceId)) {
                sessions.send(deviceId, new Messages.Orders(false, orders(ofDevice)));
            }
        });
    }

    /**
     * Everything the device should hold now; it drops what is not listed. Read and sent under the device's
     * lock, so a push cannot slip in between and then be dropped by an older full list.
     */
    void sync(long deviceId, Supplier<List<BroadcastLog>> pending) {
        synchronized (lock(deviceId)) {
            sessions.send(deviceId, new Messages.Orders(true, orders(pending.get())));
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
        return locks[(int) Math.floorMod(deviceId, (long) locks.length)];
    }

    private List<Messages.Order> orders(List<BroadcastLog> logs) {
        Map<Long, MediaItem> mediaById = media.byIds(logs.stream().map(BroadcastLog::mediaId).distinct().toList())
                .stream().collect(Collectors.toMap(MediaItem::id, Function.identity()));
        Map<Long, Campaign> campaignById = new HashMap<>();
        return logs.stream().map(log -> {
            MediaItem m = mediaById.get(log.mediaId());
            Campaign c = campaignById.computeIfAbsent(log.campaignId(), id -> campaigns.find(id).orElseThrow());
            return new Messages.Order(log.id(), log.campaignId(), m.id(), m.sha256(), "/agent/media/" + m.id(),
                    m.kind() == null ? null : m.kind().name(), m.durationMs() == null ? 0 : m.durationMs(),
                    log.scheduledAt().atZone(zone).toOffsetDateTime(), c.level().name());
        }).toList();
    }
}
