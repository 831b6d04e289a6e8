package communecast.app.campaign;

import communecast.app.area.Areas;
import communecast.app.device.Device;
import communecast.app.device.DeviceKind;
import communecast.app.schedule.QuietHours;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a campaign's play may air on a device at its time; the plan preview and dispatch both ask
 * here, so they never disagree. Today: loudspeakers keep their area's quiet hours, except for EMERGENCY.
 */
@Singleton
public class AirRules {
    private final Areas areas;
    private final ZoneId zone;

    AirRules(Areas areas, ZoneId zone) {
        this.areas = areas;
        this.zone = zone;
    }

    /** A check for one campaign; it looks each area's quiet hours up once. */
    public Check forCampaign(Campaign campaign) {
        Map<Long, QuietHours> quietByArea = new HashMap<>();
        return (device, start) -> {
            if (campaign.level() == Level.EMERGENCY || device.kind() != DeviceKind.RADIO) {
                return null;
            }
            QuietHours quiet = quietByArea.computeIfAbsent(device.areaId(), areas::quietHoursOf);
            return quiet.contains(start.atZone(zone).toLocalTime()) ? "quiet hours " + quiet : null;
        };
    }

    /** Why a play may not air, or null if it may. */
    @FunctionalInterface
    public interface Check {
        String excludedBecause(Device device, Instant start);
    }
}
