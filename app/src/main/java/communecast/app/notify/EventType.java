package communecast.app.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a subscriber can be told of; the name is what webhooks and the API carry. */
public enum EventType {
    DEVICE_OFFLINE("device.offline", "Mất kết nối", "Offline"),
    DEVICE_ONLINE("device.online", "Đã kết nối lại", "Back online"),
    DEAD_AIR("device.dead_air", "Phát im lặng", "Dead air"),
    SOUND_BACK("device.sound_back", "Đã có tiếng trở lại", "Sound back"),
    PLAY_FAILED("broadcast.failed", "Phát không thành công", "Play failed");

    private final String wireName;
    private final String vietnamese;
    private final String english;

    EventType(String wireName, String vietnamese, String english) {
        this.wireName = wireName;
        this.vietnamese = vietnamese;
        this.english = english;
    }

    public String wireName() {
        return wireName;
    }

    /** The event in the page's language ("vi" or "en"). */
    public String inLanguage(String language) {
        return "en".equals(language) ? english : vietnamese;
    }

    /** The headline in an e-mail: Vietnamese, then English. */
    String title() {
        return vietnamese + " / " + english;
    }

    static Optional<EventType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(EventType::wireName).toList();
    }
}
