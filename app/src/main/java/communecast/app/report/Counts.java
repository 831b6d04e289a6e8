package communecast.app.report;

import communecast.app.playlog.LogStatus;
import communecast.app.playlog.Tally;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Plays per status and airtime, summed over tallies. "Planned" is every play asked for except the cancelled
 * ones; airtime counts what really went out (PLAYED and PREEMPTED).
 */
final class Counts {
    private final Map<LogStatus, Long> plays = new EnumMap<>(LogStatus.class);
    private long airtimeMs;

    static Counts of(Collection<Tally> tallies) {
        Counts counts = new Counts();
        tallies.forEach(counts::add);
        return counts;
    }

    /** The tallies summed per key (a device, a day, a campaign). */
    static <K> Map<K, Counts> by(Collection<Tally> tallies, Function<Tally, K> key) {
        Map<K, Counts> groups = new HashMap<>();
        tallies.forEach(t -> groups.computeIfAbsent(key.apply(t), k -> new Counts()).add(t));
        return groups;
    }

    Counts add(Counts other) {
        other.plays.forEach((status, n) -> plays.merge(status, n, Long::sum));
        airtimeMs += other.airtimeMs;
        return this;
    }

    Figures figures() {
        return totals().figures();
    }

    Totals totals() {
        return new Totals(planned(), get(LogStatus.PLAYED), get(LogStatus.MISSED), get(LogStatus.FAILED),
                get(LogStatus.PREEMPTED), get(LogStatus.CANCELLED), get(LogStatus.PENDING), get(LogStatus.PLAYING),
                Math.round(airtimeMs / 1000.0));
    }

    private void add(Tally t) {
        plays.merge(t.status(), t.plays(), Long::sum);
        if (t.status() == LogStatus.PLAYED || t.status() == LogStatus.PREEMPTED) {
            airtimeMs += t.airtimeMs();
        }
    }

    private long get(LogStatus status) {
        return plays.getOrDefault(status, 0L);
    }

    private long planned() {
        return plays.values().stream().mapToLong(Long::longValue).sum() - get(LogStatus.CANCELLED);
    }
}
