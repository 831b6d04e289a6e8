package communecast.app.dispatch;

import communecast.app.agentlink.AgentSessions;
import communecast.app.agentlink.Messages;
import communecast.app.campaign.Campaign;
import communecast.app.campaign.Campaigns;
import communecast.app.cluster.Cluster;
import communecast.app.media.MediaItem;
import communecast.media.MediaKind;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.media.MediaLibrary;
import communecast.app.media.Rendition;
import communecast.app.playlog.BroadcastLog;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private final Clock clock;
    private final Deliveries deliveries;
    private final Cluster cluster;
    /** Time for a late device to fetch the file and get ready. */
    private static final Duration LATE_EMERGENCY_LEAD = Duration.ofSeconds(2);
    /** Less late than this, an emergency airs as planned (late by the fan-out's tail, not by a link down). */
    private static final Duration LATE_GRACE = Duration.ofSeconds(1);
    /** Past the 7 s a node waits for another's answer (cluster.NatsCluster). */
    private static final Duration HANDOVER = Duration.ofSeconds(8);

    OrderBook(AgentSessions sessions, Campaigns campaigns, MediaLibrary media, Devices devices, ZoneId zone, Clock clock,
              Deliveries deliveries, Cluster cluster) {
        this.cluster = cluster;
        this.sessions = sessions;
        this.campaigns = campaigns;
        this.media = media;
        this.devices = devices;
        this.zone = zone;
        this.clock = clock;
        this.deliveries = deliveries;
    }

    /**
     * Adds these plays to the orders of each target device that is connected. What the orders name is read
     * once for all devices, and no device waits for another's write: an emergency to a whole province goes
     * out in one pass.
     */
    void push(List<BroadcastLog> logs) {
        push(logs, List.of());
    }

    /** {@code known}: devices the caller has just read (the campaign's targets); the others are read here. */
    void push(List<BroadcastLog> logs, List<Device> known) {
        Map<Long, List<BroadcastLog>> byDevice = logs.stream().collect(Collectors.groupingBy(BroadcastLog::deviceId));
        Lookup lookup = lookup(byDevice.keySet(), logs, known);
        List<CompletableFuture<Boolean>> sent = new ArrayList<>();
        byDevice.forEach((deviceId, ofDevice) -> {
            synchronized (lock(deviceId)) {
                sent.add(send(deviceId, false, orders(lookup, deviceId, ofDevice)));
            }
        });
        handedOver(sent);
    }

    /** Queued under the device's lock, so frames to one device keep the order they were decided in. */
    private CompletableFuture<Boolean> send(long deviceId, boolean complete, List<Messages.Order> orders) {
        List<Long> ids = orders.stream().map(Messages.Order::orderId).toList();
        return sessions.sendAsync(deviceId, new Messages.Orders(complete, orders)).thenApply(sent -> {
            if (sent) {
                deliveries.record(ids);
            }
            return sent;
        });
    }

    /**
     * With several nodes, returns once the holders have written the frames (or stopped being waited for): the
     * caller's campaign lock then covers them, so a cancel decided on another node right after cannot be
     * overtaken by this push still on its way. On one node the writes are queued in order already.
     */
    private void handedOver(List<CompletableFuture<Boolean>> sent) {
        if (cluster.alone() || sent.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(HANDOVER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Each send completes false at worst; what was not written reaches its device with its next full list.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Everything the device should hold now; it drops what is not listed. Read and sent under the device's
     * lock, so a push cannot slip in between and then be dropped by an older full list.
     */
    void sync(long deviceId, Supplier<List<BroadcastLog>> pending) {
        synchronized (lock(deviceId)) {
            List<BroadcastLog> logs = pending.get();
            send(deviceId, true, orders(lookup(List.of(deviceId), logs, List.of()), deviceId, logs));
        }
    }

    void withdraw(List<BroadcastLog> logs, String reason) {
        List<CompletableFuture<Boolean>> sent = new ArrayList<>();
        logs.stream().collect(Collectors.groupingBy(BroadcastLog::deviceId)).forEach((deviceId, ofDevice) -> {
            synchronized (lock(deviceId)) {
                sent.add(sessions.sendAsync(deviceId, new Messages.Withdraw(ofDevice.stream().map(BroadcastLog::id).toList(), reason)));
            }
        });
        handedOver(sent);
    }

    /**
     * An emergency reaching a device late (it linked after the broadcast began, inside the window) airs
     * from shortly after now, all its repeats moved alike so they keep their spacing; anything else airs at
     * its planned time. A play only a little late goes as planned: the agent starts it at once.
     */
    private Instant startAt(BroadcastLog log, List<BroadcastLog> batch) {
        if (log.playUntil() == null) {
            return log.scheduledAt();
        }
        Instant first = batch.stream().filter(l -> l.campaignId() == log.campaignId()).map(BroadcastLog::scheduledAt)
                .min(Instant::compareTo).orElse(log.scheduledAt());
        Instant now = clock.instant();
        if (!first.isBefore(now.minus(LATE_GRACE))) {
            return log.scheduledAt();
        }
        return log.scheduledAt().plus(Duration.between(first, now.plus(LATE_EMERGENCY_LEAD)));
    }

    private Object lock(long deviceId) {
        return sessions.lockOf(deviceId);
    }

    private Lookup lookup(Collection<Long> deviceIds, List<BroadcastLog> logs, List<Device> known) {
        if (logs.isEmpty()) {
            return new Lookup(Map.of(), Map.of(), List.of(), Map.of(), Map.of());
        }
        List<Long> played = logs.stream().map(BroadcastLog::mediaId).distinct().toList();
        Map<Long, MediaItem> mediaById = new HashMap<>(byId(media.byIds(played), MediaItem::id));
        // Relays' fallbacks only: most batches hold none, and read nothing more.
        Map<Long, Long> fallbackByItem = campaigns.fallbacks(logs.stream()
                .filter(l -> mediaById.containsKey(l.mediaId()) && mediaById.get(l.mediaId()).kind() == MediaKind.STREAM)
                .map(BroadcastLog::itemId).distinct().toList());
        List<Long> fallbacks = fallbackByItem.values().stream().distinct().filter(id -> !mediaById.containsKey(id)).toList();
        if (!fallbacks.isEmpty()) {
            mediaById.putAll(byId(media.byIds(fallbacks), MediaItem::id));
        }
        // The headings only (one query): an order needs the level, and 10,000 hellos after a restart each read this.
        Map<Long, Campaign.Heading> campaignById = byId(campaigns.headings(logs.stream().map(BroadcastLog::campaignId)
                .distinct().toList()), Campaign.Heading::id);
        Map<Long, Device> deviceById = new HashMap<>();
        known.stream().filter(d -> deviceIds.contains(d.id())).forEach(d -> deviceById.put(d.id(), d));
        devices.byIds(deviceIds.stream().filter(id -> !deviceById.containsKey(id)).toList()).forEach(d -> deviceById.put(d.id(), d));
        return new Lookup(deviceById, mediaById, media.renditionsOf(List.copyOf(mediaById.keySet())), campaignById, fallbackByItem);
    }

    private static <T> Map<Long, T> byId(List<T> rows, Function<T, Long> id) {
        return rows.stream().collect(Collectors.toMap(id, Function.identity()));
    }

    /** What a batch of orders names, read once for every device it goes to. */
    private record Lookup(Map<Long, Device> devices, Map<Long, MediaItem> media, List<Rendition> renditions,
                          Map<Long, Campaign.Heading> campaigns, Map<Long, Long> fallbackByItem) {
    }

    /**
     * The relay's fallback, as made for this device; none if its item names none, it is not a recording (a medium
     * still processing when the item was saved), or its file is not made yet.
     */
    private Messages.Fallback fallback(Lookup lookup, BroadcastLog log, Device device) {
        Long fallbackId = lookup.fallbackByItem().get(log.itemId());
        MediaItem fallback = fallbackId == null ? null : lookup.media().get(fallbackId);
        if (fallback == null || fallback.kind() != MediaKind.AUDIO) {
            return null;
        }
        return media.renditionFor(fallback, device, lookup.renditions())
                .map(r -> new Messages.Fallback(fallback.id(), r.sha256(), "/agent/media/" + fallback.id(), r.durationMs() == null ? 0 : r.durationMs()))
                .orElse(null);
    }

    /**
     * The orders for one device, each naming the file made for it. A play whose file is not made yet
     * (a new screen size) is left out; it goes out when that file is ready ({@code RenditionReady}).
     */
    private List<Messages.Order> orders(Lookup lookup, long deviceId, List<BroadcastLog> logs) {
        Device device = lookup.devices().get(deviceId);
        if (device == null) {
            return List.of();
        }
        List<Messages.Order> orders = new ArrayList<>();
        for (BroadcastLog log : logs) {
            MediaItem item = lookup.media().get(log.mediaId());
            Campaign.Heading campaign = lookup.campaigns().get(log.campaignId());
            if (item == null || campaign == null) {
                continue;
            }
            media.renditionFor(item, device, lookup.renditions()).ifPresent(rendition -> {
                boolean stream = item.kind() == MediaKind.STREAM;
                orders.add(new Messages.Order(log.id(), log.campaignId(), item.id(), rendition.sha256(),
                        stream ? item.streamUrl() : "/agent/media/" + item.id(), stream ? MediaKind.STREAM.name() : rendition.kind().name(),
                        rendition.durationMs() == null ? 0 : rendition.durationMs(),
                        startAt(log, logs).atZone(zone).toOffsetDateTime(), campaign.level().name(),
                        log.playUntil() == null ? null : log.playUntil().atZone(zone).toOffsetDateTime(),
                        stream ? fallback(lookup, log, device) : null));
            });
        }
        return orders;
    }
}
