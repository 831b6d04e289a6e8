package communecast.app.report;

import communecast.app.playlog.LogStatus;
import communecast.app.playlog.Shortfall;
import communecast.app.playlog.Tally;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Báo cáo kết quả: planned versus aired. "planned" is every play the campaign asked for except the
 * cancelled ones; "aired" the PLAYED ones; airtime counts what really went out (PLAYED and PREEMPTED).
 */
@Serdeable
record CampaignReport(long campaignId, String title, @Nullable String legalBasis, LocalDate startDate, LocalDate endDate,
                      long planned, long aired, long missed, long failed, long preempted, long cancelled, long pending,
                      long playing, long airtimeSeconds, List<DeviceLine> devices, List<Shortfall> notAired) {

    @Serdeable
    record DeviceLine(long deviceId, String deviceName, long planned, long aired, long missed, long failed, long preempted,
                      long pending, long airtimeSeconds) {
    }

    static CampaignReport of(long campaignId, String title, String legalBasis, LocalDate startDate, LocalDate endDate,
                             List<Tally> tallies, Map<Long, String> deviceNames, List<Shortfall> notAired) {
        Map<Long, Counts> byDevice = new TreeMap<>();
        Counts total = new Counts();
        for (Tally t : tallies) {
            byDevice.computeIfAbsent(t.deviceId(), id -> new Counts()).add(t);
            total.add(t);
        }
        List<DeviceLine> lines = byDevice.entrySet().stream().map(e -> e.getValue()
                .line(e.getKey(), deviceNames.getOrDefault(e.getKey(), "?"))).toList();
        return new CampaignReport(campaignId, title, legalBasis, startDate, endDate, total.planned(), total.get(LogStatus.PLAYED),
                total.get(LogStatus.MISSED), total.get(LogStatus.FAILED), total.get(LogStatus.PREEMPTED),
                total.get(LogStatus.CANCELLED), total.get(LogStatus.PENDING), total.get(LogStatus.PLAYING),
                seconds(total.airtimeMs), lines, notAired);
    }

    private static long seconds(long millis) {
        return Math.round(millis / 1000.0);
    }

    private static final class Counts {
        private final Map<LogStatus, Long> plays = new TreeMap<>();
        private long airtimeMs;

        void add(Tally t) {
            plays.merge(t.status(), t.plays(), Long::sum);
            if (t.status() == LogStatus.PLAYED || t.status() == LogStatus.PREEMPTED) {
                airtimeMs += t.airtimeMs();
            }
        }

        long get(LogStatus status) {
            return plays.getOrDefault(status, 0L);
        }

        long planned() {
            return plays.values().stream().mapToLong(Long::longValue).sum() - get(LogStatus.CANCELLED);
        }

        DeviceLine line(long deviceId, String name) {
            return new DeviceLine(deviceId, name, planned(), get(LogStatus.PLAYED), get(LogStatus.MISSED), get(LogStatus.FAILED),
                    get(LogStatus.PREEMPTED), get(LogStatus.PENDING) + get(LogStatus.PLAYING), seconds(airtimeMs));
        }
    }
}
