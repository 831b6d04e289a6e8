package communecast.app.notify;

import io.micronaut.core.annotation.Nullable;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Subscriptions, the events they are told of, each delivery, and the alert state that raises them once. */
interface NotifyRepository extends SqlObject {

    // ---- subscriptions

    @SqlUpdate("""
            INSERT INTO notify_subscription (channel, target, secret, area_id, events, created_by, created_at)
            VALUES (:channel, :target, :secret, :areaId, :events, :by, :now)""")
    @GetGeneratedKeys("id")
    long subscribe(@Bind("channel") String channel, @Bind("target") String target, @Nullable @Bind("secret") String secret,
                   @Nullable @Bind("areaId") Long areaId, @Bind("events") String events, @Bind("by") long createdBy,
                   @Bind("now") Instant now);

    String SUBSCRIPTION = """
            SELECT id, channel, target, secret, area_id AS areaId, events, created_at AS createdAt
            FROM notify_subscription""";

    @SqlQuery(SUBSCRIPTION + " WHERE id = :id AND channel = :channel AND deleted_at IS NULL")
    @RegisterConstructorMapper(Subscription.class)
    Optional<Subscription> subscription(@Bind("id") long id, @Bind("channel") String channel);

    @SqlQuery(SUBSCRIPTION + " WHERE deleted_at IS NULL AND channel = :channel ORDER BY id")
    @RegisterConstructorMapper(Subscription.class)
    List<Subscription> subscriptions(@Bind("channel") String channel);

    @SqlUpdate("UPDATE notify_subscription SET deleted_at = :now WHERE id = :id AND deleted_at IS NULL")
    int unsubscribe(@Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE notify_delivery SET status = 'CANCELLED', claimed_by = NULL, claimed_until = NULL
            WHERE subscription_id = :id AND status = 'PENDING'""")
    int cancelPending(@Bind("id") long subscriptionId);

    // ---- events

    /** The event, or empty if it was announced before (a failed play, by its log id). */
    default Optional<Long> event(EventType type, long areaId, @Nullable Long deviceId, @Nullable Long logId, Instant at) {
        int inserted = getHandle().createUpdate("""
                        INSERT IGNORE INTO notify_event (type, area_id, device_id, log_id, payload, happened_at)
                        VALUES (:type, :areaId, :deviceId, :logId, '', :at)""")
                .bind("type", type.wireName()).bind("areaId", areaId).bind("deviceId", deviceId).bind("logId", logId)
                .bind("at", at).execute();
        return inserted == 0 ? Optional.empty()
                : Optional.of(getHandle().createQuery("SELECT LAST_INSERT_ID()").mapTo(Long.class).one());
    }

    @SqlUpdate("UPDATE notify_event SET payload = :payload WHERE id = :id")
    void payload(@Bind("id") long eventId, @Bind("payload") String payload);

    /** A delivery for every live subscription to this type whose area holds the event's. */
    @SqlUpdate("""
            INSERT INTO notify_delivery (event_id, subscription_id, status, attempts, next_attempt_at, created_at)
            SELECT :eventId, s.id, 'PENDING', 0, :now, :now
            FROM notify_subscription s LEFT JOIN area a ON a.id = s.area_id
            WHERE s.deleted_at IS NULL AND FIND_IN_SET(:type, s.events) > 0
              AND (s.area_id IS NULL OR (SELECT path FROM area WHERE id = :areaId) LIKE CONCAT(a.path, '%'))""")
    int deliverTo(@Bind("eventId") long eventId, @Bind("type") String type, @Bind("areaId") long areaId,
                  @Bind("now") Instant now);

    // ---- deliveries

    /**
     * Due deliveries, oldest first, that no earlier one of the same subscription waits before (for its retry, or
     * being sent): a receiver gets its events in order.
     */
    @SqlQuery("""
            SELECT d.id FROM notify_delivery d
            WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now AND (d.claimed_until IS NULL OR d.claimed_until < :now)
              AND NOT EXISTS (SELECT 1 FROM notify_delivery o
                              WHERE o.subscription_id = d.subscription_id AND o.status = 'PENDING' AND o.id < d.id
                                AND (o.next_attempt_at > :now OR o.claimed_until >= :now))
            ORDER BY d.id LIMIT :limit""")
    List<Long> due(@Bind("now") Instant now, @Bind("limit") int limit);

    /** Takes these for this node until the given time, unless another node took one first. */
    @SqlUpdate("""
            UPDATE notify_delivery SET claimed_by = :node, claimed_until = :until
            WHERE id IN (<ids>) AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < :now)""")
    int claim(@BindList("ids") Collection<Long> ids, @Bind("node") String node, @Bind("until") Instant until,
              @Bind("now") Instant now);

    @SqlQuery("""
            SELECT d.id, d.subscription_id AS subscriptionId, s.channel, s.target, s.secret, e.type, e.payload,
                   d.attempts, d.created_at AS createdAt
            FROM notify_delivery d JOIN notify_subscription s ON s.id = d.subscription_id
                 JOIN notify_event e ON e.id = d.event_id
            WHERE d.claimed_by = :node AND d.claimed_until = :until AND d.status = 'PENDING'
            ORDER BY d.subscription_id, d.id""")
    @RegisterConstructorMapper(Due.class)
    List<Due> claimed(@Bind("node") String node, @Bind("until") Instant until);

    @SqlUpdate("""
            UPDATE notify_delivery SET status = 'DELIVERED', attempts = attempts + 1, last_status = :status,
                   last_error = NULL, delivered_at = :now, claimed_by = NULL, claimed_until = NULL
            WHERE id IN (<ids>)""")
    void delivered(@BindList("ids") Collection<Long> ids, @Nullable @Bind("status") Integer status, @Bind("now") Instant now);

    /** Waits for the next attempt: what was tried and failed, and what waits with it to arrive in order. */
    @SqlUpdate("""
            UPDATE notify_delivery SET last_status = :status, last_error = LEFT(:error, 500), next_attempt_at = :next,
                   claimed_by = NULL, claimed_until = NULL
            WHERE id IN (<ids>)""")
    void postpone(@BindList("ids") Collection<Long> ids, @Nullable @Bind("status") Integer status,
                  @Bind("error") String error, @Bind("next") Instant next);

    @SqlUpdate("UPDATE notify_delivery SET attempts = attempts + 1 WHERE id IN (<ids>)")
    void attempted(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("""
            UPDATE notify_delivery SET status = 'GAVE_UP', attempts = attempts + 1, last_status = :status,
                   last_error = LEFT(:error, 500), claimed_by = NULL, claimed_until = NULL
            WHERE id IN (<ids>)""")
    void gaveUp(@BindList("ids") Collection<Long> ids, @Nullable @Bind("status") Integer status, @Bind("error") String error);

    @SqlQuery("""
            SELECT d.id, d.event_id AS eventId, e.type, d.status, d.attempts, d.last_status AS lastStatus,
                   d.last_error AS lastError, d.created_at AS createdAt, d.next_attempt_at AS nextAttemptAt,
                   d.delivered_at AS deliveredAt
            FROM notify_delivery d JOIN notify_event e ON e.id = d.event_id
            WHERE d.subscription_id = :id ORDER BY d.id DESC LIMIT :limit""")
    @RegisterConstructorMapper(Delivery.class)
    List<Delivery> deliveries(@Bind("id") long subscriptionId, @Bind("limit") int limit);

    // ---- alert state

    String DEVICE = """
            SELECT d.id, d.name, d.kind, d.area_id AS areaId, ar.name AS areaName, ar.code AS areaCode,
                   d.last_seen_at AS lastSeenAt, d.silence_seconds AS silenceSeconds""";

    @SqlQuery(DEVICE + """
            , NULL AS raisedAt, FALSE AS retired
            FROM device d JOIN area ar ON ar.id = d.area_id
                 LEFT JOIN device_alert a ON a.device_id = d.id AND a.kind = 'OFFLINE'
            WHERE NOT d.online AND d.last_seen_at <= :cutoff AND d.retired_at IS NULL AND a.device_id IS NULL
            ORDER BY d.id LIMIT :limit""")
    @RegisterConstructorMapper(AlertDevice.class)
    List<AlertDevice> offlineSince(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    @SqlQuery(DEVICE + """
            , NULL AS raisedAt, FALSE AS retired
            FROM device d JOIN area ar ON ar.id = d.area_id
                 LEFT JOIN device_alert a ON a.device_id = d.id AND a.kind = 'DEAD_AIR'
            WHERE d.dead_air AND d.retired_at IS NULL AND a.device_id IS NULL
            ORDER BY d.id LIMIT :limit""")
    @RegisterConstructorMapper(AlertDevice.class)
    List<AlertDevice> inDeadAir(@Bind("limit") int limit);

    /** Raised alerts whose cause is gone: the device is back (OFFLINE), has sound (DEAD_AIR), or was retired. */
    @SqlQuery(DEVICE + """
            , a.raised_at AS raisedAt, d.retired_at IS NOT NULL AS retired
            FROM device_alert a JOIN device d ON d.id = a.device_id JOIN area ar ON ar.id = d.area_id
            WHERE a.kind = :kind AND (d.retired_at IS NOT NULL
                  OR (a.kind = 'OFFLINE' AND d.online) OR (a.kind = 'DEAD_AIR' AND NOT d.dead_air))
            ORDER BY a.device_id LIMIT :limit""")
    @RegisterConstructorMapper(AlertDevice.class)
    List<AlertDevice> recovered(@Bind("kind") String kind, @Bind("limit") int limit);

    @SqlUpdate("INSERT IGNORE INTO device_alert (device_id, kind, raised_at) VALUES (:id, :kind, :now)")
    int raise(@Bind("id") long deviceId, @Bind("kind") String kind, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM device_alert WHERE device_id = :id AND kind = :kind")
    int clear(@Bind("id") long deviceId, @Bind("kind") String kind);

    // ---- failed plays

    @SqlQuery("SELECT read_until FROM notify_watermark WHERE name = :name")
    Optional<Instant> watermark(@Bind("name") String name);

    @SqlUpdate("""
            INSERT INTO notify_watermark (name, read_until) VALUES (:name, :at)
            ON DUPLICATE KEY UPDATE read_until = GREATEST(read_until, VALUES(read_until))""")
    void watermark(@Bind("name") String name, @Bind("at") Instant at);

    @SqlQuery("""
            SELECT l.id AS logId, l.campaign_id AS campaignId, c.title AS campaignName, l.device_id AS deviceId,
                   d.name AS deviceName, d.kind AS deviceKind, d.area_id AS areaId, ar.name AS areaName,
                   ar.code AS areaCode, l.scheduled_at AS scheduledAt, l.reason, l.updated_at AS updatedAt
            FROM broadcast_log l JOIN device d ON d.id = l.device_id JOIN area ar ON ar.id = d.area_id
                 JOIN campaign c ON c.id = l.campaign_id
            WHERE l.status = 'FAILED' AND l.updated_at > :from AND l.updated_at <= :to
              AND NOT EXISTS (SELECT 1 FROM notify_event e WHERE e.log_id = l.id)
            ORDER BY l.updated_at, l.id LIMIT :limit""")
    @RegisterConstructorMapper(FailedPlay.class)
    List<FailedPlay> failedPlays(@Bind("from") Instant from, @Bind("to") Instant to, @Bind("limit") int limit);

    record Subscription(long id, String channel, String target, @Nullable String secret, @Nullable Long areaId,
                        String events, Instant createdAt) {
        List<String> eventNames() {
            return List.of(events.split(","));
        }
    }

    /** A delivery claimed for sending, with what it sends and where. */
    record Due(long id, long subscriptionId, String channel, String target, @Nullable String secret, String type,
               String payload, int attempts, Instant createdAt) {
    }

    record AlertDevice(long id, String name, String kind, long areaId, String areaName, String areaCode,
                       @Nullable Instant lastSeenAt, @Nullable Long silenceSeconds, @Nullable Instant raisedAt,
                       boolean retired) {
    }

    record FailedPlay(long logId, long campaignId, String campaignName, long deviceId, String deviceName,
                      String deviceKind, long areaId, String areaName, String areaCode, Instant scheduledAt,
                      @Nullable String reason, Instant updatedAt) {
    }
}
