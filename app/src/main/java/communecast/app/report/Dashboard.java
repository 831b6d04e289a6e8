package communecast.app.report;

import communecast.app.device.CommuneDevices;
import communecast.app.playlog.LogStatus;
import communecast.app.playlog.OnAir;
import communecast.app.web.Link;

import java.util.List;
import java.util.Map;

/**
 * The dashboard's figures: devices per commune, today's plays planned against aired, and what is on air now
 * as a count of devices per campaign (a province's thousands of devices are not listed one by one).
 */
record Dashboard(List<CommuneDevices> communes, long online, long offline, long plannedToday, long airedToday,
                 long failedToday, long missedToday, List<Airing> onAir) {

    /** A campaign on air (a link to it) and on how many devices. */
    record Airing(Link campaign, long devices) {
    }

    static Dashboard of(List<CommuneDevices> communes, Map<LogStatus, Long> today, List<OnAir> onAir) {
        long planned = today.entrySet().stream().filter(e -> e.getKey() != LogStatus.CANCELLED).mapToLong(Map.Entry::getValue).sum();
        return new Dashboard(communes, communes.stream().mapToLong(CommuneDevices::online).sum(),
                communes.stream().mapToLong(CommuneDevices::offline).sum(), planned, today.getOrDefault(LogStatus.PLAYED, 0L),
                today.getOrDefault(LogStatus.FAILED, 0L), today.getOrDefault(LogStatus.MISSED, 0L),
                onAir.stream().map(a -> new Airing(Link.campaign(a.campaignId(), a.title()), a.devices())).toList());
    }
}
