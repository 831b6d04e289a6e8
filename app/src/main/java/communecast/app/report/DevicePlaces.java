package communecast.app.report;

import communecast.app.area.Area;
import communecast.app.device.Device;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/** The devices a report names, each with the commune it stands in (by its area now). */
record DevicePlaces(Map<Long, Device> devices, Map<Long, Area> communeOfArea) {
    static final String UNKNOWN = "?";

    String name(long deviceId) {
        Device device = devices.get(deviceId);
        return device == null ? UNKNOWN : device.name();
    }

    /** Null for a device the registry no longer knows. */
    Area commune(long deviceId) {
        Device device = devices.get(deviceId);
        return device == null ? null : communeOfArea.get(device.areaId());
    }

    /** Names in Vietnamese alphabetical order (Đ after D, not after Z). */
    static Comparator<String> byName() {
        Collator collator = Collator.getInstance(Locale.forLanguageTag("vi"));
        return collator::compare;
    }
}
