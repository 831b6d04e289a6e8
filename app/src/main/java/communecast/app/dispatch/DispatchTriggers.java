package communecast.app.dispatch;

import communecast.app.schedule.Schedule;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import java.time.Instant;
import java.util.Date;

/**
 * A campaign's Quartz side (JDBC job store, clustered): one durable job per campaign that runs its dispatch, a
 * one-shot trigger per run to come, and its rule triggers ({@link RuleTriggers}).
 */
final class DispatchTriggers {
    private static final String GROUP = "dispatch";

    private final QuartzScheduler scheduler;
    private final RuleTriggers ruleTriggers;

    DispatchTriggers(QuartzScheduler scheduler, RuleTriggers ruleTriggers) {
        this.scheduler = scheduler;
        this.ruleTriggers = ruleTriggers;
    }

    boolean has(long campaignId) {
        try {
            return !scheduler.quartz().getTriggersOfJob(jobKey(campaignId)).isEmpty();
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not read the triggers of campaign " + campaignId, e);
        }
    }

    /** A run of the campaign's dispatch at {@code at}. */
    void at(long campaignId, Instant at) {
        JobKey job = jobKey(campaignId);
        // A trigger per run, named by its instant: a finished trigger's deletion never takes the next one.
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity("campaign-" + campaignId + "-" + at.toEpochMilli(), GROUP)
                .forJob(job)
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            ensureJob(campaignId);
            if (!scheduler.quartz().checkExists(trigger.getKey())) {
                scheduler.quartz().scheduleJob(trigger);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule dispatch of campaign " + campaignId, e);
        }
    }

    /** The rule triggers as {@code schedule} now says: made on approval and resume, made anew for an approved edit. */
    void replaceRuleTriggers(long campaignId, Schedule schedule, Instant now) {
        JobKey job = jobKey(campaignId);
        try {
            ensureJob(campaignId);
            for (Trigger old : scheduler.quartz().getTriggersOfJob(job)) {
                if (RuleTriggers.GROUP.equals(old.getKey().getGroup())) {
                    scheduler.quartz().unscheduleJob(old.getKey());
                }
            }
            for (Trigger trigger : ruleTriggers.of(campaignId, schedule, job, now)) {
                scheduler.quartz().scheduleJob(trigger);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not set the rule triggers of campaign " + campaignId, e);
        }
    }

    /** The job and every trigger of it: on pause, cancel or the last dispatch. */
    void remove(long campaignId) {
        try {
            scheduler.quartz().deleteJob(jobKey(campaignId));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not remove dispatch of campaign " + campaignId, e);
        }
    }

    private void ensureJob(long campaignId) throws SchedulerException {
        JobKey job = jobKey(campaignId);
        if (!scheduler.quartz().checkExists(job)) {
            scheduler.quartz().addJob(JobBuilder.newJob(DispatchJob.class).withIdentity(job)
                    .usingJobData(DispatchJob.CAMPAIGN_ID, campaignId).storeDurably().requestRecovery().build(), false);
        }
    }

    private static JobKey jobKey(long campaignId) {
        return JobKey.jobKey("campaign-" + campaignId, GROUP);
    }
}
