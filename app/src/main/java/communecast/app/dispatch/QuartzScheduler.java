package communecast.app.dispatch;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/** The started Quartz scheduler; stopping waits for running jobs so none is cut mid-transaction. */
record QuartzScheduler(Scheduler quartz) {
    void stop() throws SchedulerException {
        quartz.shutdown(true);
    }
}
