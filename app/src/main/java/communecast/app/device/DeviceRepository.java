package communecast.app.device;

import communecast.app.db.Rows;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RegisterRowMapper(DeviceRepository.Mapper.class)
interface DeviceRepository {
    String COLUMNS = """
            id, name, area_id, kind, screen_width, screen_height, online, last_seen_at, enrolled_at, agent_version,
            heartbeat_at, uptime_seconds, playing_order_id, next_order_id, next_start_at, cache_bytes, free_disk_bytes,
            clock_offset_ms, last_error, silence_seconds, dead_air, retired_at,\s""" + "NOT " + DeviceState.CLOCK_OFF_SQL + " AS clock_ok";

    /** Column by column, not by reflection (see {@link Rows}). */
    final class Mapper implements RowMapper<Device> {
        @Override
        public Device map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Device(rs.getLong("id"), rs.getString("name"), rs.getLong("area_id"),
                    DeviceKind.valueOf(rs.getString("kind")), Rows.nullableInt(rs, "screen_width"),
                    Rows.nullableInt(rs, "screen_height"), rs.getBoolean("online"), Rows.instant(rs, "last_seen_at"),
                    Rows.instant(rs, "enrolled_at"), rs.getString("agent_version"), Rows.instant(rs, "heartbeat_at"),
                    Rows.nullableLong(rs, "uptime_seconds"), Rows.nullableLong(rs, "playing_order_id"),
                    Rows.nullableLong(rs, "next_order_id"), Rows.instant(rs, "next_start_at"),
                    Rows.nullableLong(rs, "cache_bytes"), Rows.nullableLong(rs, "free_disk_bytes"),
                    Rows.nullableLong(rs, "clock_offset_ms"), rs.getBoolean("clock_ok"), rs.getString("last_error"),
                    Rows.nullableLong(rs, "silence_seconds"), rs.getBoolean("dead_air"), Rows.instant(rs, "retired_at"));
        }
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM device WHERE id = :id")
    Optional<Device> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM device WHERE area_id IN (<areaIds>) ORDER BY id")
    List<Device> inAreas(@BindList("areaIds") Collection<Long> areaIds);

    /** Rows of the device list below an area's path; {@code <state>}: a {@link DeviceState} condition, never user input. */
    String LISTED = """
            FROM (SELECT device.*, area.path AS area_path FROM device JOIN area ON area.id = device.area_id
                  WHERE area.path LIKE CONCAT(:path, '%')) listed
            WHERE (retired_at IS NOT NULL) = :retired AND (:name IS NULL OR name LIKE :name) AND <state>""";

    @SqlQuery("SELECT " + COLUMNS + " " + LISTED + " ORDER BY area_path, name, id LIMIT :limit OFFSET :offset")
    List<Device> listed(@Bind("path") String path, @Bind("retired") boolean retired, @Bind("name") String name,
                        @Define("state") String state, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT COUNT(*) " + LISTED)
    long countListed(@Bind("path") String path, @Bind("retired") boolean retired, @Bind("name") String name,
                     @Define("state") String state);

    /** The ids of the devices in use below an area's path, and nothing else (ix_area_path, ix_device_area). */
    @SqlQuery("""
            SELECT device.id FROM device JOIN area ON area.id = device.area_id
             WHERE area.path LIKE CONCAT(:path, '%') AND device.retired_at IS NULL""")
    List<Long> idsInUse(@Bind("path") String path);

    /** The devices in use below an area's path, counted per area they stand in (ix_area_path, ix_device_area). */
    @SqlQuery("""
            SELECT device.area_id, COUNT(*) AS devices, SUM(online) AS online, SUM(dead_air) AS dead_air,
                   SUM(""" + DeviceState.CLOCK_OFF_SQL + """
            ) AS clock_off
            FROM device JOIN area ON area.id = device.area_id
            WHERE area.path LIKE CONCAT(:path, '%') AND device.retired_at IS NULL
            GROUP BY device.area_id""")
    @RegisterRowMapper(CountsMapper.class)
    List<CommuneDevices.DeviceCounts> countsPerArea(@Bind("path") String path);

    final class CountsMapper implements RowMapper<CommuneDevices.DeviceCounts> {
        @Override
        public CommuneDevices.DeviceCounts map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new CommuneDevices.DeviceCounts(rs.getLong("area_id"), rs.getLong("devices"), rs.getLong("online"),
                    rs.getLong("dead_air"), rs.getLong("clock_off"));
        }
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM device WHERE id IN (<ids>) ORDER BY id")
    List<Device> byIds(@BindList("ids") Collection<Long> ids);

    @SqlQuery("SELECT id FROM device WHERE token_hash = :hash AND token_exact")
    Optional<Long> idByTokenHash(@Bind("hash") String tokenHash);

    /** 1 if a token hashed before V17 matched and now has its exact hash. */
    @SqlUpdate("UPDATE device SET token_hash = :exact, token_exact = TRUE WHERE token_hash = :legacy AND NOT token_exact")
    int adoptExactToken(@Bind("legacy") String legacyTokenHash, @Bind("exact") String exactTokenHash);

    @SqlUpdate("""
            INSERT INTO device (name, area_id, kind, screen_width, screen_height, enrollment_code_hash, enrollment_code_at, created_at)
            VALUES (:name, :areaId, :kind, :width, :height, :codeHash, :now, :now)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("name") String name, @Bind("areaId") long areaId, @Bind("kind") DeviceKind kind,
                @Bind("width") Integer width, @Bind("height") Integer height,
                @Bind("codeHash") String enrollmentCodeHash, @Bind("now") Instant now);

    /** Spends the code: it works once, and only if issued after {@code issuedAfter} (or before codes had a time). */
    @SqlUpdate("""
            UPDATE device SET token_hash = :tokenHash, token_exact = TRUE, enrollment_code_hash = NULL, enrollment_code_at = NULL,
                   enrolled_at = :now
            WHERE enrollment_code_hash = :codeHash AND (enrollment_code_at IS NULL OR enrollment_code_at > :issuedAfter)""")
    int enroll(@Bind("codeHash") String codeHash, @Bind("tokenHash") String tokenHash, @Bind("issuedAfter") Instant issuedAfter,
               @Bind("now") Instant now);

    /** When a code still unspent was issued: to say "expired" rather than "unknown". */
    @SqlQuery("SELECT enrollment_code_at FROM device WHERE enrollment_code_hash = :codeHash AND enrollment_code_at IS NOT NULL")
    Optional<Instant> codeIssuedAt(@Bind("codeHash") String codeHash);

    @SqlQuery("SELECT id FROM device WHERE token_hash = :tokenHash")
    long idOfToken(@Bind("tokenHash") String tokenHash);

    /** A new code revokes the old token: the PC is being replaced or was lost. */
    @SqlUpdate("UPDATE device SET enrollment_code_hash = :codeHash, enrollment_code_at = :now, token_hash = NULL WHERE id = :id")
    void reissue(@Bind("id") long id, @Bind("codeHash") String codeHash, @Bind("now") Instant now);

    /** Its token and any unspent code stop working with it; 0 if it was retired already. */
    @SqlUpdate("""
            UPDATE device SET retired_at = :now, retired_by = :userId, token_hash = NULL, enrollment_code_hash = NULL
            WHERE id = :id AND retired_at IS NULL""")
    int retire(@Bind("id") long id, @Bind("userId") long userId, @Bind("now") Instant now);

    /** 1 if the device was offline until now. */
    @SqlUpdate("UPDATE device SET online = TRUE, last_seen_at = :now, linked_node = :node WHERE id = :id AND NOT online")
    int markOnline(@Bind("id") long id, @Bind("now") Instant now, @Bind("node") String node);

    @SqlUpdate("UPDATE device SET last_seen_at = :now, linked_node = :node WHERE id = :id")
    void linked(@Bind("id") long id, @Bind("now") Instant now, @Bind("node") String node);

    @SqlUpdate("UPDATE device SET last_seen_at = :now WHERE id = :id")
    void seen(@Bind("id") long id, @Bind("now") Instant now);

    /** A size only retired screens had needs no more renditions. */
    @SqlQuery("SELECT DISTINCT screen_width, screen_height FROM device WHERE kind = 'LED' AND retired_at IS NULL ORDER BY screen_width, screen_height")
    @RegisterConstructorMapper(LedScreen.class)
    List<LedScreen> ledScreens();

    /**
     * At a node's start: the links it held are gone (a device linked through another node meanwhile stays);
     * {@code everyNode} for a server that is one node, whatever name it had before.
     */
    @SqlUpdate("UPDATE device SET online = FALSE WHERE online AND (:everyNode OR linked_node IS NULL OR linked_node = :node)")
    void offlineAtStart(@Bind("everyNode") boolean everyNode, @Bind("node") String node);

    /** A heartbeat as received: what the agent said, its own send time, and when it arrived. */
    record Beat(long deviceId, Device.Health health, Instant sentAt, Instant receivedAt) {
    }

    /** Each beat applies unless a newer one (by the agent's send time) was applied already: 0 rows then. */
    @SqlBatch("""
            UPDATE device SET online = TRUE, last_seen_at = :b.receivedAt, heartbeat_at = :b.receivedAt,
                   agent_version = COALESCE(:b.health.agentVersion, agent_version), uptime_seconds = :b.health.uptimeSeconds,
                   playing_order_id = :b.health.playingOrderId, next_order_id = :b.health.nextOrderId,
                   next_start_at = :b.health.nextStartAt, cache_bytes = :b.health.cacheBytes,
                   free_disk_bytes = :b.health.freeDiskBytes, clock_offset_ms = :b.health.clockOffsetMs,
                   last_error = LEFT(:b.health.lastError, 500), silence_seconds = :b.health.silenceSeconds,
                   dead_air = :b.health.deadAir, heartbeat_sent_at = :b.sentAt
            WHERE id = :b.deviceId AND (heartbeat_sent_at IS NULL OR :b.sentAt IS NULL OR heartbeat_sent_at <= :b.sentAt)""")
    int[] heartbeats(@BindMethods("b") List<Beat> beats);

    @SqlBatch("UPDATE device SET online = TRUE, last_seen_at = :b.receivedAt WHERE id = :b.deviceId")
    void seen(@BindMethods("b") List<Beat> beats);

    @SqlQuery("SELECT id FROM device WHERE id IN (<ids>) AND (token_hash IS NULL OR retired_at IS NOT NULL)")
    Set<Long> revokedAmong(@BindList("ids") Collection<Long> ids);

    @SqlQuery("SELECT id FROM device WHERE id IN (<ids>) AND online")
    Set<Long> onlineAmong(@BindList("ids") Collection<Long> ids);

    @SqlQuery("SELECT id FROM device WHERE id IN (<ids>) AND dead_air")
    Set<Long> inDeadAir(@BindList("ids") Collection<Long> ids);

    /** Online devices not heard of since {@code before}: their link is dead even if no close came. */
    @SqlQuery("SELECT id FROM device WHERE online AND last_seen_at < :before")
    List<Long> silentSince(@Bind("before") Instant before);

    @SqlUpdate("UPDATE device SET online = FALSE WHERE id = :id AND online")
    int markOffline(@Bind("id") long id);

    /** A link this node held closed: unless the device has linked through another node since. */
    @SqlUpdate("UPDATE device SET online = FALSE WHERE id = :id AND online AND (linked_node IS NULL OR linked_node = :node)")
    int markOfflineFrom(@Bind("id") long id, @Bind("node") String node);

    /** Still silent: a device heard of since (through any node) stays online. */
    @SqlUpdate("UPDATE device SET online = FALSE WHERE id = :id AND online AND last_seen_at < :before")
    int markSilent(@Bind("id") long id, @Bind("before") Instant before);

    @SqlUpdate("INSERT INTO device_event (device_id, kind, reason, at) VALUES (:id, :kind, :reason, :now)")
    void event(@Bind("id") long deviceId, @Bind("kind") String kind, @Bind("reason") String reason, @Bind("now") Instant now);

    @SqlQuery("SELECT kind, reason, at FROM device_event WHERE device_id = :id ORDER BY at DESC, id DESC LIMIT :limit")
    @RegisterConstructorMapper(DeviceEvent.class)
    List<DeviceEvent> events(@Bind("id") long deviceId, @Bind("limit") int limit);

    @SqlUpdate("UPDATE device SET agent_version = :version WHERE id = :id")
    void agentVersion(@Bind("id") long id, @Bind("version") String version);
}
