package communecast.app.device;

/** A device's token stopped being valid (a new enrollment code was issued). */
public record DeviceRevoked(long deviceId) {
    /** The news other nodes hear of it by ({@code Cluster.announce}): the device's id. */
    public static final String NEWS = "device-revoked";
}
