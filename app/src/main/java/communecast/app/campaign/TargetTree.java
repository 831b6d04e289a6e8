package communecast.app.campaign;

import communecast.app.area.Area;
import communecast.app.area.AreaKind;
import communecast.app.device.Device;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The editor's targets: the user's areas, parents before children, each with its own devices under it. Above a
 * commune (a province's thousands of villages and devices), a commune shows its villages and devices only when
 * opened ({@code closed}: loaded on demand), unless something inside it is chosen already.
 */
record TargetTree(List<Node> nodes) {
    record Node(Area area, int depth, List<Device> devices, boolean closed) {
    }

    /**
     * {@code areas} come parents first (ordered by path), as Areas.visibleTree gives them; {@code devicesIn} reads the
     * devices of the areas shown; {@code opened}: the communes to show whole.
     */
    static TargetTree of(List<Area> areas, boolean wholeTree, Set<Long> opened, Function<List<Long>, List<Device>> devicesIn) {
        List<Area> shown = areas.stream().filter(a -> wholeTree || a.kind() != AreaKind.VILLAGE || opened.contains(a.parentId())).toList();
        List<Long> withDevices = shown.stream().filter(a -> wholeTree || a.kind() == AreaKind.PROVINCE || openedCommune(a, opened))
                .map(Area::id).toList();
        Map<Long, List<Device>> byArea = devicesIn.apply(withDevices).stream().filter(d -> d.retiredAt() == null)
                .collect(Collectors.groupingBy(Device::areaId));
        int top = areas.isEmpty() ? 0 : depth(areas.getFirst());
        return new TargetTree(shown.stream().map(a -> new Node(a, depth(a) - top, byArea.getOrDefault(a.id(), List.of()),
                !wholeTree && a.kind() == AreaKind.COMMUNE && !opened.contains(a.id()))).toList());
    }

    /** The communes holding these chosen areas (villages) and devices' areas: shown whole, so what is chosen shows. */
    static Set<Long> communesHolding(Collection<Long> areaIds, List<Area> areas) {
        Map<Long, Area> byId = areas.stream().collect(Collectors.toMap(Area::id, a -> a));
        return areaIds.stream().map(byId::get).filter(a -> a != null && a.kind() != AreaKind.PROVINCE)
                .map(a -> a.kind() == AreaKind.VILLAGE ? a.parentId() : a.id()).collect(Collectors.toSet());
    }

    private static boolean openedCommune(Area a, Set<Long> opened) {
        return opened.contains(a.id()) || (a.kind() == AreaKind.VILLAGE && opened.contains(a.parentId()));
    }

    private static int depth(Area area) {
        return (int) area.path().chars().filter(c -> c == '/').count();
    }
}
