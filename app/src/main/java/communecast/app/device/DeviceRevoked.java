package communecast.app.device;

/** A device's token stopped being valid (a new enrollment code was issued). */
public record DeviceRevoked(long deviceId) {
}
