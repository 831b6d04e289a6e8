package communecast.app.agentlink;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Optional;

@RegisterConstructorMapper(DeviceCommand.class)
interface CommandRepository {
    @SqlUpdate("""
            INSERT INTO device_command (device_id, name, volume, status, created_by, created_at)
            VALUES (:deviceId, :name, :volume, 'SENT', :userId, :now)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("deviceId") long deviceId, @Bind("name") String name, @Bind("volume") Double volume,
                @Bind("userId") long userId, @Bind("now") Instant now);

    @SqlQuery("SELECT id, device_id, name, volume, status, message, created_at, done_at FROM device_command WHERE id = :id")
    Optional<DeviceCommand> find(@Bind("id") long id);

    /** Only once, and only by the device it was sent to. */
    @SqlUpdate("""
            UPDATE device_command SET status = :status, message = LEFT(:message, 500), done_at = :now
            WHERE id = :id AND device_id = :deviceId AND status = 'SENT'""")
    int finish(@Bind("id") long id, @Bind("deviceId") long deviceId, @Bind("status") String status,
               @Bind("message") String message, @Bind("now") Instant now);

    @SqlUpdate("UPDATE device_command SET status = 'FAILED', message = :message, done_at = :now WHERE id = :id AND status = 'SENT'")
    void failed(@Bind("id") long id, @Bind("message") String message, @Bind("now") Instant now);
}
