package communecast.app.ui;

import communecast.app.area.Area;
import communecast.app.device.Device;
import communecast.app.playlog.LogStatus;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The dashboard's figures: devices per area, today's plays planned against aired, what is on air now. */
record Dashboard(List<AreaRow> areas, long plannedToday, long airedToday, long failedToday, long missedToday,
                 Map<Long, String> onAir) {

    record AreaRow(String name, long online, long offline) {
    }

    static Dashboard of(List<Area> areas, List<Device> devices, Map<LogStatus, Long> today, Map<Long, String> onAir) {
        Map<Long, List<Device>> byArea = devices.stream().collect(Collectors.groupingBy(Device::areaId));
        List<AreaRow> rows = areas.stream().filter(a -> byArea.containsKey(a.id()))
                .map(a -> new AreaRow(a.name(), byArea.get(a.id()).stream().filter(Device::online).count(),
                        byArea.get(a.id()).stream().filter(d -> !d.online()).count()))
                .toList();
        long planned = today.entrySet().stream().filter(e -> e.getKey() != LogStatus.CANCELLED).mapToLong(Map.Entry::getValue).sum();
        return new Dashboard(rows, planned, today.getOrDefault(LogStatus.PLAYED, 0L), today.getOrDefault(LogStatus.FAILED, 0L),
                today.getOrDefault(LogStatus.MISSED, 0L), onAir);
    }
}
