package communecast.app.device;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

interface DeviceGroupRepository {
    @SqlUpdate("INSERT INTO device_group (name, area_id, created_at) VALUES (:name, :areaId, :now)")
    @GetGeneratedKeys("id")
    long insert(@Bind("name") String name, @Bind("areaId") long areaId, @Bind("now") Instant now);

    @SqlBatch("INSERT INTO device_group_member (group_id, device_id) VALUES (:groupId, :deviceId)")
    void addMembers(@Bind("groupId") long groupId, @Bind("deviceId") List<Long> deviceIds);

    @SqlQuery("SELECT name FROM device_group WHERE id = :id")
    Optional<String> name(@Bind("id") long id);

    @SqlQuery("SELECT area_id FROM device_group WHERE id = :id")
    Optional<Long> areaId(@Bind("id") long id);

    @SqlQuery("SELECT id FROM device_group WHERE area_id IN (<areaIds>) ORDER BY id")
    List<Long> inAreas(@BindList("areaIds") Collection<Long> areaIds);

    @SqlQuery("SELECT device_id FROM device_group_member WHERE group_id IN (<ids>) ORDER BY device_id")
    List<Long> members(@BindList("ids") Collection<Long> groupIds);
}
