package communecast.app.schedule;

import communecast.app.device.DeviceKind;

/** A device a campaign targets, as far as what airs on it depends: its kind (loudspeaker or screen) and its area. */
public record Target(long deviceId, DeviceKind kind, long areaId) {
}
