package communecast.app.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import communecast.app.area.Area;
import communecast.app.playlog.Tally;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** One device's plays, with the commune it stands in. */
@Serdeable
record DeviceLine(long deviceId, String deviceName, @Nullable Long communeId, @Nullable String communeName,
                  @JsonUnwrapped Figures figures) {

    /** Per device, by commune then device name. */
    static List<DeviceLine> of(Collection<Tally> tallies, DevicePlaces places) {
        Comparator<String> byName = DevicePlaces.byName();
        return Counts.by(tallies, Tally::deviceId).entrySet().stream().map(e -> line(e.getKey(), e.getValue(), places))
                .sorted(Comparator.comparing((DeviceLine l) -> l.communeName() == null ? "" : l.communeName(), byName)
                        .thenComparing(DeviceLine::deviceName, byName).thenComparingLong(DeviceLine::deviceId))
                .toList();
    }

    private static DeviceLine line(long deviceId, Counts counts, DevicePlaces places) {
        Area commune = places.commune(deviceId);
        return new DeviceLine(deviceId, places.name(deviceId), commune == null ? null : commune.id(),
                commune == null ? null : commune.name(), counts.figures());
    }
}
