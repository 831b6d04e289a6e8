package communecast.app.device;

import communecast.app.area.Areas;
import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

/** Named device groups (nhóm thiết bị); a group's devices all lie inside its area. */
@Singleton
public class DeviceGroups {
    private final Jdbi jdbi;
    private final Areas areas;
    private final Devices devices;
    private final Clock clock;

    DeviceGroups(Jdbi jdbi, Areas areas, Devices devices, Clock clock) {
        this.jdbi = jdbi;
        this.areas = areas;
        this.devices = devices;
        this.clock = clock;
    }

    DeviceGroup create(CurrentUser user, NewDeviceGroup request) {
        user.require(Role.ADMIN, Role.EDITOR);
        if (request.name() == null || request.name().isBlank() || request.areaId() == null
                || request.deviceIds() == null || request.deviceIds().isEmpty() || request.deviceIds().contains(null)) {
            throw ApiException.badRequest("MISSING_FIELD", "name, areaId and a list of deviceIds are required");
        }
        areas.visible(user, request.areaId());
        List<Long> inside = areas.subtreeIds(request.areaId());
        for (long deviceId : request.deviceIds()) {
            if (!inside.contains(devices.visible(user, deviceId).areaId())) {
                throw ApiException.badRequest("DEVICE_OUTSIDE_GROUP_AREA", "device " + deviceId + " is not inside area " + request.areaId());
            }
        }
        long id = jdbi.inTransaction(handle -> {
            DeviceGroupRepository groups = handle.attach(DeviceGroupRepository.class);
            long created = groups.insert(request.name().trim(), request.areaId(), clock.instant());
            groups.addMembers(created, request.deviceIds().stream().distinct().toList());
            return created;
        });
        return get(id);
    }

    /** The group if the user may see it. */
    public DeviceGroup visible(CurrentUser user, long id) {
        DeviceGroup group = get(id);
        if (!areas.inScope(user, group.areaId())) {
            throw ApiException.forbidden("device group " + id + " is outside your area");
        }
        return group;
    }

    List<DeviceGroup> visibleList(CurrentUser user) {
        List<Long> areaIds = areas.visibleTree(user).stream().map(a -> a.id()).toList();
        return areaIds.isEmpty() ? List.of() : repo().inAreas(areaIds).stream().map(this::get).toList();
    }

    /** The devices in these groups now: a device added later is included from then on. */
    public List<Long> members(Collection<Long> groupIds) {
        return groupIds.isEmpty() ? List.of() : repo().members(groupIds);
    }

    private DeviceGroup get(long id) {
        DeviceGroupRepository groups = repo();
        String name = groups.name(id).orElseThrow(() -> ApiException.notFound("device group", id));
        return new DeviceGroup(id, name, groups.areaId(id).orElseThrow(), groups.members(List.of(id)));
    }

    private DeviceGroupRepository repo() {
        return jdbi.onDemand(DeviceGroupRepository.class);
    }
}
