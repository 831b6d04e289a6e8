package communecast.app.dispatch;

import communecast.app.schedule.Rule;
import communecast.app.schedule.Schedule;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.spi.OperableTrigger;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.TimeZone;
import java.util.stream.Collectors;

/**
 * Quartz triggers per rule, firing a lead time before each air time the rule gives: CronTriggers in the
 * configured zone for DAILY and LOOP (one per minute of the hour the rule's times fall on, so a LOOP every
 * 25 minutes is a handful of expressions), a SimpleTrigger for ONCE, all bounded by the campaign's dates.
 * A firing only wakes the dispatch, which plans by cursor: a wake-up early, late or twice (a misfire after
 * a restart fires once now) plans nothing twice and loses nothing.
 */
final class RuleTriggers {
    static final String GROUP = "dispatch-rule";
    /** Wakes a minute inside the horizon, so the air time it is for falls in the window it plans. */
    private static final Duration INSIDE = Duration.ofMinutes(1);
    private static final long DAY = Duration.ofDays(1).toSeconds();

    private final ZoneId zone;
    private final Duration ahead;

    RuleTriggers(ZoneId zone, Duration lead) {
        this.zone = zone;
        this.ahead = lead.compareTo(INSIDE) > 0 ? lead.minus(INSIDE) : Duration.ZERO;
    }

    /** The triggers still to fire after {@code now}; a rule whose times have all passed has none. */
    List<Trigger> of(long campaignId, Schedule schedule, JobKey job, Instant now) {
        Instant first = max(now, schedule.startDate().atStartOfDay(zone).toInstant().minus(ahead));
        Instant last = schedule.endDate().plusDays(1).atStartOfDay(zone).toInstant().minus(ahead);
        List<Trigger> triggers = new ArrayList<>();
        for (Schedule.Item item : schedule.items()) {
            List<TriggerBuilder<? extends Trigger>> builders = switch (item.rule()) {
                case Rule.Once once -> once.at().atZone(zone).toInstant().isAfter(now) ? List.of(once(once.at(), now)) : List.of();
                case Rule.Daily daily -> crons(daily.times(), daily.daysOfWeek(), first, last);
                case Rule.Loop loop -> crons(loop.timesOn(schedule.startDate()).toList(), Set.of(), first, last);
            };
            for (int i = 0; i < builders.size(); i++) {
                Trigger trigger = builders.get(i).withIdentity("campaign-" + campaignId + "-item-" + item.itemId() + "-" + i, GROUP)
                        .forJob(job).build();
                if (((OperableTrigger) trigger).computeFirstFireTime(null) != null) {
                    triggers.add(trigger);
                }
            }
        }
        return triggers;
    }

    private TriggerBuilder<? extends Trigger> once(LocalDateTime at, Instant now) {
        Instant wake = max(now, at.atZone(zone).toInstant().minus(ahead));
        return TriggerBuilder.newTrigger().startAt(Date.from(wake))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow());
    }

    /** The wake-up times ({@code time − ahead}, on the days before those listed as far back as that reaches), grouped into cron expressions. */
    private List<TriggerBuilder<? extends Trigger>> crons(List<LocalTime> times, Set<DayOfWeek> days, Instant first, Instant last) {
        if (!last.isAfter(first)) {
            return List.of();
        }
        Map<String, SortedSet<Integer>> hoursBySecondMinuteAndDays = new TreeMap<>();
        for (LocalTime time : times) {
            long second = time.toSecondOfDay() - ahead.toSeconds();
            long dayShift = Math.floorDiv(second, DAY);
            LocalTime wake = LocalTime.ofSecondOfDay(Math.floorMod(second, DAY));
            String onDays = days.isEmpty() ? "*" : days.stream().map(d -> d.plus(dayShift)).sorted()
                    .map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
            hoursBySecondMinuteAndDays.computeIfAbsent(wake.getSecond() + " " + wake.getMinute() + " %s ? * " + onDays,
                    k -> new TreeSet<>()).add(wake.getHour());
        }
        return hoursBySecondMinuteAndDays.entrySet().stream().<TriggerBuilder<? extends Trigger>>map(e -> {
            String hours = e.getValue().stream().map(String::valueOf).collect(Collectors.joining(","));
            return TriggerBuilder.newTrigger().startAt(Date.from(first)).endAt(Date.from(last))
                    .withSchedule(CronScheduleBuilder.cronSchedule(e.getKey().formatted(hours))
                            .inTimeZone(TimeZone.getTimeZone(zone)).withMisfireHandlingInstructionFireAndProceed());
        }).toList();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
