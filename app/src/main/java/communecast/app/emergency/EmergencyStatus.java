package communecast.app.emergency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** An emergency and, per target device, where it stands now. */
@Serdeable
public record EmergencyStatus(long id, long campaignId, long mediaId, int repeat, Instant validUntil, String startedBy,
                              Instant startedAt, @Nullable String stoppedBy, @Nullable Instant stoppedAt, List<DeviceState> devices) {

    EmergencyStatus withDevices(List<DeviceState> shown) {
        return new EmergencyStatus(id, campaignId, mediaId, repeat, validUntil, startedBy, startedAt, stoppedBy, stoppedAt, shown);
    }

    /**
     * {@code state}: DELIVERED (the order reached the device), PLAYING, PLAYED (every repeat aired), FAILED,
     * PREEMPTED, OFFLINE (not linked; it plays if it links before the window closes), MISSED (the window
     * closed first), CANCELLED (stopped before it aired), PENDING (being sent).
     */
    @Serdeable
    public record DeviceState(long deviceId, String name, String state, int played, @Nullable String reason) {
        private static final Set<String> TROUBLE = Set.of("OFFLINE", "FAILED", "MISSED", "PREEMPTED");

        /** Whether the officer on duty must act on it (call the village, check the loudspeaker). */
        public boolean needsAttention() {
            return TROUBLE.contains(state);
        }
    }

    /** The devices the officer must act on; the others are only counted. */
    public List<DeviceState> needingAttention() {
        return devices.stream().filter(DeviceState::needsAttention).toList();
    }

    /** How many devices stand in each state, by the state's name. */
    public Map<String, Long> countsPerState() {
        return devices.stream().collect(Collectors.groupingBy(DeviceState::state, TreeMap::new, Collectors.counting()));
    }
}
