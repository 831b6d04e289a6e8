package communecast.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import java.util.concurrent.atomic.AtomicReference;

/** Keeps the last warning or error the agent logged, for its heartbeat: staff see it without the PC's log. */
public final class LastProblem extends AppenderBase<ILoggingEvent> {
    private static final AtomicReference<String> LAST = new AtomicReference<>();

    public static String get() {
        return LAST.get();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            LAST.set(event.getTimeStamp() + " " + event.getLoggerName().replaceAll(".*\\.", "") + ": " + event.getFormattedMessage());
        }
    }
}
