package communecast.app.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import communecast.app.area.Area;
import communecast.app.playlog.Tally;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One commune's plays (xã/phường): all its devices, in the villages below it too. */
@Serdeable
record CommuneLine(long areaId, String name, int devices, @JsonUnwrapped Figures figures) {
    /** Per commune, by name. A device the registry no longer knows counts under "?". */
    static List<CommuneLine> of(Collection<Tally> tallies, DevicePlaces places) {
        Map<Long, Counts> sums = new HashMap<>();
        Map<Long, Integer> devices = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        Counts.by(tallies, Tally::deviceId).forEach((deviceId, counts) -> {
            Area commune = places.commune(deviceId);
            long id = commune == null ? 0 : commune.id();
            names.put(id, commune == null ? DevicePlaces.UNKNOWN : commune.name());
            sums.computeIfAbsent(id, k -> new Counts()).add(counts);
            devices.merge(id, 1, Integer::sum);
        });
        return sums.keySet().stream().map(id -> new CommuneLine(id, names.get(id), devices.get(id), sums.get(id).figures()))
                .sorted(Comparator.comparing(CommuneLine::name, DevicePlaces.byName()).thenComparingLong(CommuneLine::areaId))
                .toList();
    }
}
