package communecast.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's own logging setup: a mistake in it would leave a field PC without any log, silently. */
class LoggingConfigTest {

    @TempDir
    Path dataDir;

    @Test
    void theShippedLogbackConfigurationLoadsWithoutErrorsAndWritesTheLogFile() throws Exception {
        URL shipped = getClass().getResource("/logback.xml");
        assertNotNull(shipped, "logback.xml on the classpath");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("communecast.dataDir", dataDir.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);

        configurator.doConfigure(shipped);
        context.getLogger("communecast.agent.Test").info("hello");
        context.stop();

        assertTrue(context.getStatusManager().getCopyOfStatusList().stream().allMatch(s -> s.getLevel() < Status.WARN),
                () -> statuses(context));
        assertEquals(1, Files.readAllLines(dataDir.resolve("logs").resolve("agent.log")).size());
    }

    private static String statuses(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream().map(Status::toString)
                .collect(Collectors.joining("\n"));
    }
}
