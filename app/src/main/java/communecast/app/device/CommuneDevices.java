package communecast.app.device;

import communecast.app.area.Area;

/** How the devices in use of one commune (with its villages) stand: what the dashboard and the device list count. */
public record CommuneDevices(Area commune, long devices, long online, long deadAir, long clockOff) {

    public long offline() {
        return devices - online;
    }

    CommuneDevices plus(DeviceCounts counts) {
        return new CommuneDevices(commune, devices + counts.devices(), online + counts.online(), deadAir + counts.deadAir(),
                clockOff + counts.clockOff());
    }

    /** The devices in use of one area itself, as counted in SQL. */
    record DeviceCounts(long areaId, long devices, long online, long deadAir, long clockOff) {
    }
}
