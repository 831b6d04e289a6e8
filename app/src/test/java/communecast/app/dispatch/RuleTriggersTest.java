package communecast.app.dispatch;

import communecast.app.schedule.Expander;
import communecast.app.schedule.Occurrence;
import communecast.app.schedule.Rule;
import communecast.app.schedule.Schedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerUtils;
import org.quartz.spi.OperableTrigger;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every air time the rules give is woken for by its own rule's trigger, a lead time ahead, in the configured zone. */
class RuleTriggersTest {
    static final JobKey JOB = JobKey.jobKey("campaign-1", "dispatch");
    static final LocalDate START = LocalDate.of(2026, 12, 1);

    @ParameterizedTest
    @ValueSource(strings = {"48h", "10m", "30h"})
    void eachPlayIsInsideTheWindowOfAWakeUpOfItsRule(String leadText) {
        Duration lead = Duration.parse("PT" + leadText.toUpperCase());
        ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        Schedule schedule = new Schedule(START, START.plusDays(20), Set.of(START.plusDays(3)), List.of(
                new Schedule.Item(11, 1, new Rule.Daily(List.of(LocalTime.of(6, 30), LocalTime.of(0, 5)), Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY))),
                new Schedule.Item(12, 1, new Rule.Loop(LocalTime.of(7, 0), LocalTime.of(9, 0), 25)),
                new Schedule.Item(13, 1, new Rule.Once(LocalDateTime.of(START.plusDays(5), LocalTime.of(17, 45))))));
        Instant now = START.minusDays(10).atStartOfDay(zone).toInstant();
        List<Trigger> triggers = new RuleTriggers(zone, lead).of(1, schedule, JOB, now);

        Instant end = START.plusDays(22).atStartOfDay(zone).toInstant();
        List<Occurrence> plays = new Expander(zone).expand(schedule, now, end).stream().filter(o -> !o.excluded()).toList();
        assertTrue(plays.size() > 50, "enough plays to mean something: " + plays.size());
        for (Occurrence play : plays) {
            Trigger own = triggers.stream().filter(t -> t.getKey().getName().contains("-item-" + play.itemId() + "-")).filter(t ->
                    fireTimes(t, now, end).stream().anyMatch(wake -> wake.isBefore(play.startAt()) && !wake.plus(lead).isBefore(play.startAt())))
                    .findFirst().orElse(null);
            assertTrue(own != null, "no wake-up of item " + play.itemId() + " plans the play at " + play.startAt());
        }
    }

    @Test
    void cronTriggersRunInTheConfiguredZoneAndStopWithTheCampaign() {
        ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        Schedule schedule = new Schedule(START, START.plusDays(6), Set.of(), List.of(
                new Schedule.Item(11, 1, new Rule.Daily(List.of(LocalTime.of(6, 30)), Set.of()))));
        Trigger trigger = new RuleTriggers(zone, Duration.ofHours(48)).of(1, schedule, JOB, START.minusDays(30).atStartOfDay(zone).toInstant()).getFirst();
        CronTrigger cron = (CronTrigger) trigger;
        assertEquals("0 31 6 ? * *", cron.getCronExpression());
        assertEquals(zone.getId(), cron.getTimeZone().getID());
        List<Instant> wakes = fireTimes(trigger, START.minusDays(30).atStartOfDay(zone).toInstant(), START.plusDays(30).atStartOfDay(zone).toInstant());
        assertEquals(7, wakes.size(), "one wake-up per air day: " + wakes);
        assertEquals(LocalDateTime.of(START.minusDays(2), LocalTime.of(6, 31)).atZone(zone).toInstant(), wakes.getFirst());
    }

    @Test
    void aLoopIsAFewCronExpressionsWhateverItsStep() {
        ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        Schedule schedule = new Schedule(START, START.plusDays(6), Set.of(), List.of(
                new Schedule.Item(12, 1, new Rule.Loop(LocalTime.of(7, 0), LocalTime.of(21, 0), 15))));
        List<String> expressions = new RuleTriggers(zone, Duration.ofHours(48)).of(1, schedule, JOB, START.minusDays(30).atStartOfDay(zone).toInstant())
                .stream().map(t -> ((CronTrigger) t).getCronExpression()).toList();
        assertEquals(List.of("0 1 7,8,9,10,11,12,13,14,15,16,17,18,19,20 ? * *", "0 16 7,8,9,10,11,12,13,14,15,16,17,18,19,20 ? * *",
                "0 31 7,8,9,10,11,12,13,14,15,16,17,18,19,20 ? * *", "0 46 7,8,9,10,11,12,13,14,15,16,17,18,19,20 ? * *"), expressions);
    }

    @Test
    void aCampaignWhoseTimesHavePassedGetsNoTriggers() {
        ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        Schedule schedule = new Schedule(START, START, Set.of(), List.of(
                new Schedule.Item(11, 1, new Rule.Daily(List.of(LocalTime.of(6, 30)), Set.of())),
                new Schedule.Item(12, 1, new Rule.Once(LocalDateTime.of(START, LocalTime.of(6, 30))))));
        assertEquals(List.of(), new RuleTriggers(zone, Duration.ofHours(48)).of(1, schedule, JOB, START.plusDays(2).atStartOfDay(zone).toInstant()));
    }

    private static List<Instant> fireTimes(Trigger trigger, Instant from, Instant to) {
        return TriggerUtils.computeFireTimesBetween((OperableTrigger) ((OperableTrigger) trigger).clone(), null, Date.from(from), Date.from(to))
                .stream().map(Date::toInstant).toList();
    }
}
