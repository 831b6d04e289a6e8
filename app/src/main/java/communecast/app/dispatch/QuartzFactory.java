package communecast.app.dispatch;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Quartz on its JDBC job store in our own database, through the application's pool (so Flyway has made
 * the QRTZ_ tables first), clustered so more server nodes can share one schedule.
 */
@Factory
final class QuartzFactory {
    private static final String DATA_SOURCE = "communecast";

    @Singleton
    @Bean(preDestroy = "stop")
    QuartzScheduler scheduler(DataSource dataSource, BeanContext beans) throws SchedulerException {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new PooledConnections(dataSource));
        Scheduler scheduler = new StdSchedulerFactory(properties()).getScheduler();
        // Jobs are beans: they get their collaborators by constructor injection.
        scheduler.setJobFactory((bundle, ignored) -> beans.getBean(bundle.getJobDetail().getJobClass()));
        scheduler.start();
        return new QuartzScheduler(scheduler);
    }

    private static Properties properties() {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "communecast");
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "3");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "30000");
        // Acquiring under the row lock that scheduleJob/deleteJob take: without it InnoDB can deadlock the
        // two, and Quartz then backs off dbRetryInterval per failed acquisition (default 15 s), so a
        // dispatch due now went out half a minute late.
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.dbRetryInterval", "2000");
        return p;
    }

    private record PooledConnections(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // The pool belongs to the application, which closes it after Quartz has stopped.
        }

        @Override
        public void initialize() {
        }
    }
}
