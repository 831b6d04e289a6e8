package communecast.app.ui;

import communecast.app.area.Area;
import communecast.app.device.Device;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The editor's targets: the user's areas, parents before children, each with its own devices under it. */
record TargetTree(List<Node> nodes) {
    record Node(Area area, int depth, List<Device> devices) {
    }

    /** {@code areas} come parents first (ordered by path), as Areas.visibleTree gives them. */
    static TargetTree of(List<Area> areas, List<Device> devices) {
        Map<Long, List<Device>> byArea = devices.stream().collect(Collectors.groupingBy(Device::areaId));
        int top = areas.isEmpty() ? 0 : depth(areas.getFirst());
        return new TargetTree(areas.stream().map(a -> new Node(a, depth(a) - top, byArea.getOrDefault(a.id(), List.of()))).toList());
    }

    private static int depth(Area area) {
        return (int) area.path().chars().filter(c -> c == '/').count();
    }
}
