package communecast.app.playlog;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one transaction does to the daily roll-up (broadcast_day): a log leaving a final status is taken out of
 * its day, a log reaching one is counted in. Written by the transaction that changes the logs, so the roll-up
 * never disagrees with them.
 */
final class RollupChange {
    private final ZoneId zone;
    private final Map<Key, long[]> changes = new HashMap<>();

    RollupChange(ZoneId zone) {
        this.zone = zone;
    }

    /** The log moves to {@code status}, having played from {@code startedAt} to {@code endedAt}. */
    RollupChange move(BroadcastLog log, LogStatus status, Instant startedAt, Instant endedAt) {
        count(log, log.status(), log.startedAt(), log.endedAt(), -1);
        count(log, status, startedAt, endedAt, 1);
        return this;
    }

    /** These logs move to {@code status}, their play times unchanged. */
    RollupChange move(List<BroadcastLog> logs, LogStatus status) {
        logs.forEach(log -> move(log, status, log.startedAt(), log.endedAt()));
        return this;
    }

    void writeTo(BroadcastDayRepository days) {
        List<DayCount> rows = changes.entrySet().stream()
                .filter(e -> e.getValue()[0] != 0 || e.getValue()[1] != 0)
                .map(e -> e.getKey().count(e.getValue()[0], e.getValue()[1]))
                .sorted().toList();
        if (!rows.isEmpty()) {
            days.add(rows);
        }
    }

    private void count(BroadcastLog log, LogStatus status, Instant startedAt, Instant endedAt, int sign) {
        if (!status.isFinal()) {
            return;
        }
        Key key = new Key(log.campaignId(), log.deviceId(), log.scheduledAt().atZone(zone).toLocalDate(), status);
        long[] sums = changes.computeIfAbsent(key, k -> new long[2]);
        sums[0] += sign;
        sums[1] += sign * airtimeMs(startedAt, endedAt);
    }

    /** As the reports have always counted it: ended minus started, nothing when either is unknown. */
    private static long airtimeMs(Instant startedAt, Instant endedAt) {
        return startedAt == null || endedAt == null ? 0 : Duration.between(startedAt, endedAt).toMillis();
    }

    private record Key(long campaignId, long deviceId, LocalDate day, LogStatus status) {
        DayCount count(long plays, long airtimeMs) {
            return new DayCount(campaignId, deviceId, day, status, plays, airtimeMs);
        }
    }
}
