package communecast.app.device;

/** A device was added to the registry. */
public record DeviceRegistered(Device device) {
}
