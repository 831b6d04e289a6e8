package communecast.app.device;

import communecast.app.area.Area;
import communecast.app.area.Areas;
import communecast.app.area.DevicesInUse;
import communecast.app.security.CurrentUser;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.text.Collator;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The device list of a province's thousands of devices, a page at a time and counted per commune, in SQL:
 * what the devices page, the dashboard and the emergency page show staff.
 */
@Singleton
public class DeviceList implements DevicesInUse {
    /** Đ after D, accents after their letter: the order of a Vietnamese list, not of the code points. */
    private static final Collator VIETNAMESE = Collator.getInstance(Locale.forLanguageTag("vi"));

    private final Jdbi jdbi;
    private final Areas areas;

    DeviceList(Jdbi jdbi, Areas areas) {
        this.jdbi = jdbi;
        this.areas = areas;
    }

    /** Page {@code page} (from 0) of {@code size} devices the user sees that match the filter. */
    public DevicePage page(CurrentUser user, DeviceFilter filter, int page, int size) {
        String path = pathOf(user, filter.areaId());
        DeviceRepository repo = jdbi.onDemand(DeviceRepository.class);
        long total = repo.countListed(path, filter.retired(), filter.namePattern(), filter.stateSql());
        List<Device> rows = repo.listed(path, filter.retired(), filter.namePattern(), filter.stateSql(), size, (long) page * size);
        return new DevicePage(rows, total, page, size);
    }

    /** The devices in use the user sees, counted per commune (an area above the communes counts for itself), by name. */
    public List<CommuneDevices> perCommune(CurrentUser user, Long areaId) {
        List<CommuneDevices.DeviceCounts> counts = jdbi.onDemand(DeviceRepository.class).countsPerArea(pathOf(user, areaId));
        Map<Long, Area> communes = areas.communesOf(counts.stream().map(CommuneDevices.DeviceCounts::areaId).toList());
        Map<Long, CommuneDevices> byCommune = new LinkedHashMap<>();
        for (CommuneDevices.DeviceCounts c : counts) {
            Area commune = communes.get(c.areaId());
            byCommune.merge(commune.id(), new CommuneDevices(commune, 0, 0, 0, 0).plus(c), (a, b) -> a.plus(c));
        }
        return byCommune.values().stream().sorted(Comparator.comparing((CommuneDevices c) -> c.commune().name(), VIETNAMESE)).toList();
    }

    /** The ids of the devices in use the user sees: what the dashboard counts today's plays of. */
    public List<Long> idsInUse(CurrentUser user) {
        return jdbi.onDemand(DeviceRepository.class).idsInUse(pathOf(user, null));
    }

    @Override
    public Map<Long, Long> perArea(CurrentUser user) {
        return jdbi.onDemand(DeviceRepository.class).countsPerArea(pathOf(user, null)).stream()
                .collect(Collectors.toMap(CommuneDevices.DeviceCounts::areaId, CommuneDevices.DeviceCounts::devices));
    }

    /** The path below which the list looks: the chosen area if the user may see it, else the user's whole area. */
    private String pathOf(CurrentUser user, Long areaId) {
        if (areaId != null) {
            return areas.visible(user, areaId).path();
        }
        return user.areaId() == null ? "/" : areas.visible(user, user.areaId()).path();
    }
}
