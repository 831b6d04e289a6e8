package communecast.app.playlog;

import communecast.app.campaign.Campaigns;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import communecast.app.web.DateBounds;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/** {@code GET /api/broadcast-logs}: filters on indexed columns, limited to the user's area. */
@Singleton
public final class BroadcastLogQuery {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    private final Jdbi jdbi;
    private final Devices devices;
    private final Campaigns campaigns;

    BroadcastLogQuery(Jdbi jdbi, Devices devices, Campaigns campaigns) {
        this.jdbi = jdbi;
        this.devices = devices;
        this.campaigns = campaigns;
    }

    public List<BroadcastLog> find(CurrentUser user, Filter filter) {
        int limit = filter.limit() == null ? DEFAULT_LIMIT : filter.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("BAD_LIMIT", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (filter.offset() < 0) {
            throw ApiException.badRequest("BAD_OFFSET", "offset must be 0 or more");
        }
        DateBounds.check("from", filter.from());
        DateBounds.check("to", filter.to());
        List<String> where = new ArrayList<>();
        Map<String, Object> binds = new HashMap<>();
        binds.put("limit", limit);
        binds.put("offset", filter.offset());
        List<Long> scope = List.of();
        if (filter.campaignId() != null) {
            campaigns.visible(user, filter.campaignId());
            where.add("campaign_id = :campaignId");
            binds.put("campaignId", filter.campaignId());
        }
        if (filter.deviceId() != null) {
            devices.visible(user, filter.deviceId());
            where.add("device_id = :deviceId");
            binds.put("deviceId", filter.deviceId());
        } else if (filter.areaId() != null || user.areaId() != null) {
            // An area asked for is checked against the user's scope; its devices are the user's anyway then.
            scope = filter.areaId() != null ? devices.visibleIn(user, filter.areaId()).stream().map(Device::id).toList() : devices.visibleIds(user);
            if (scope.isEmpty()) {
                return List.of();
            }
            where.add("device_id IN (<scope>)");
        }
        if (filter.status() != null) {
            where.add("status = :status");
            binds.put("status", filter.status().name());
        }
        if (filter.from() != null) {
            where.add("scheduled_at >= :from");
            binds.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("scheduled_at < :to");
            binds.put("to", filter.to());
        }
        if (filter.after() != null) {
            // Past the last row of the page before, in the order below: no OFFSET to count through a year of plays.
            where.add(filter.newestFirst() ? "(scheduled_at < :afterAt OR scheduled_at = :afterAt AND id < :afterId)"
                    : "(scheduled_at > :afterAt OR scheduled_at = :afterAt AND id > :afterId)");
            binds.put("afterAt", filter.after().scheduledAt());
            binds.put("afterId", filter.after().id());
        }
        // ix_log_time holds every log in the page's order, but the newest are the dispatch horizon's PENDING plays: behind a
        // campaign's or a status's filter the optimizer counted on meeting the page's rows soon and read hundreds of
        // thousands of logs (a campaign's MISSED ones: 0.6 s over a province's week). Their own indexes keep the order too.
        String hint = filter.campaignId() != null || filter.status() != null ? " IGNORE INDEX FOR ORDER BY (ix_log_time)" : "";
        String sql = "SELECT " + BroadcastLogRepository.COLUMNS + " FROM broadcast_log" + hint
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + (filter.newestFirst() ? " ORDER BY scheduled_at DESC, id DESC" : " ORDER BY scheduled_at, id") + " LIMIT :limit OFFSET :offset";
        List<Long> deviceScope = scope;
        return jdbi.withHandle(handle -> {
            Query query = handle.createQuery(sql).bindMap(binds);
            if (!deviceScope.isEmpty()) {
                query.bindList("scope", deviceScope);
            }
            return query.map(new BroadcastLogRepository.Mapper()).list();
        });
    }

    /**
     * {@code areaId}: the devices of an area and below it; {@code offset}: logs to skip, for the pages after the
     * first, or {@code after}: the last log of the page before; {@code newestFirst}: else oldest first.
     */
    public record Filter(Long campaignId, Long areaId, Long deviceId, LogStatus status, Instant from, Instant to, Integer limit, int offset,
                         boolean newestFirst, Cursor after) {
        public Filter(Long campaignId, Long areaId, Long deviceId, LogStatus status, Instant from, Instant to, Integer limit, int offset,
                      boolean newestFirst) {
            this(campaignId, areaId, deviceId, status, from, to, limit, offset, newestFirst, null);
        }
    }

    /** Where a page of logs ended: its last log's time and id, written {@code <epoch ms>-<id>} in a next link. */
    public record Cursor(Instant scheduledAt, long id) {
        static Cursor of(BroadcastLog last) {
            return new Cursor(last.scheduledAt(), last.id());
        }

        static Cursor parse(String text) {
            String[] parts = text == null ? new String[0] : text.strip().split("-");
            try {
                if (parts.length == 2) {
                    return new Cursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), Long.parseLong(parts[1]));
                }
            } catch (NumberFormatException | java.time.DateTimeException e) {
                // refused below
            }
            throw ApiException.badRequest("BAD_CURSOR", "after must be the 'next' of the page before, not '" + text + "'");
        }

        @Override
        public String toString() {
            return scheduledAt.toEpochMilli() + "-" + id;
        }
    }
}
