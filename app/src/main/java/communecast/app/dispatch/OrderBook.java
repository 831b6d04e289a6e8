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
import java.util.stream.Collectors;

/** Turns broadcast logs into play orders (protocol v1) and hands them to connected agents. */
@Singleton
final class OrderBook {
    private final AgentSessions sessions;
    private final Campaigns campaigns;
    private final MediaLibrary media;
    private final ZoneId zone;

    OrderBook(AgentSessions sessions, Campaigns campaigns, MediaLibrary media, ZoneId zone) {
        this.sessions = sessions;
        this.campaigns = campaigns;
        this.media = media;
        this.zone = zone;
    }

    /** Adds these plays to the orders of each target device that is connected. */
    void push(List<BroadcastLog> logs) {
        logs.stream().collect(Collectors.groupingBy(BroadcastLog::deviceId))
                .forEach((deviceId, ofDevice) -> sessions.send(deviceId, new Messages.Orders(false, orders(ofDevice))));
    }

    /** Everything the device should hold now; it drops what is not listed. */
    void sync(long deviceId, List<BroadcastLog> pending) {
        sessions.send(deviceId, new Messages.Orders(true, orders(pending)));
    }

    void withdraw(List<BroadcastLog> logs, String reason) {
        logs.stream().collect(Collectors.groupingBy(BroadcastLog::deviceId))
                .forEach((deviceId, ofDevice) -> sessions.send(deviceId,
                        new Messages.Withdraw(ofDevice.stream().map(BroadcastLog::id).toList(), reason)));
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
