package communecast.app.cluster;

/** What one node asks of the node holding a device's link: write a frame, or say whether it holds it. */
public record DeviceMail(Kind kind, String frame) {
    public enum Kind { FRAME, PING }

    public static DeviceMail frame(String text) {
        return new DeviceMail(Kind.FRAME, text);
    }

    public static DeviceMail ping() {
        return new DeviceMail(Kind.PING, "");
    }
}
