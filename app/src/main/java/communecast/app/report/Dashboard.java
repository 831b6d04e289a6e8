package communecast.app.report;

import communecast.app.device.CommuneDevices;
import communecast.app.playlog.LogStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The dashboard's figures: devices per commune, today's plays planned against aired, and what is on air now
 * as a count of devices per campaign (a province's thousands of devices are not listed one by one).
 */
record Dashboard(List<CommuneDevices> communes, long online, long offline, long plannedToday, long airedToday,
                 long failedToday, long missedToday, Map<String, Long> onAir) {

    static Dashboard of(List<CommuneDevices> communes, Map<LogStatus, Long> today, Map<Long, String> onAir) {
        long planned = today.entrySet().stream().filter(e -> e.getKey() != LogStatus.CANCELLED).mapToLong(Map.Entry::getValue).sum();
        Map<String, Long> airing = onAir.values().stream().collect(Collectors.groupingBy(title -> title, Collectors.counting()))
                .entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return new Dashboard(communes, communes.stream().mapToLong(CommuneDevices::online).sum(),
                communes.stream().mapToLong(CommuneDevices::offline).sum(), planned, today.getOrDefault(LogStatus.PLAYED, 0L),
                today.getOrDefault(LogStatus.FAILED, 0L), today.getOrDefault(LogStatus.MISSED, 0L), airing);
    }
}
