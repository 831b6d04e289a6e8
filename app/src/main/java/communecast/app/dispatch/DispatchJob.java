package communecast.app.dispatch;

import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Fires ahead of a campaign's next air time; see {@link Dispatcher#run(long)}. */
@Singleton
@DisallowConcurrentExecution
final class DispatchJob implements Job {
    static final String CAMPAIGN_ID = "campaignId";

    private final Dispatcher dispatcher;

    DispatchJob(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void execute(JobExecutionContext context) {
        dispatcher.run(context.getMergedJobDataMap().getLong(CAMPAIGN_ID));
    }
}
