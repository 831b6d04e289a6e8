package communecast.app.playlog;

import java.util.EnumSet;
import java.util.Set;

/** A broadcast log's life: PENDING, maybe PLAYING, then exactly one final status. */
public enum LogStatus {
    PENDING, PLAYING, PLAYED, FAILED, MISSED, PREEMPTED, CANCELLED;

    /**
     * Whether a device's report may move a log from this status. MISSED and CANCELLED are the server's
     * presumptions and yield to what the device says it did; what the device said stays.
     */
    boolean acceptsReport(LogStatus reported) {
        return switch (this) {
            case PENDING, MISSED, CANCELLED -> true;
            case PLAYING -> reported != PLAYING;
            case PLAYED, FAILED, PREEMPTED -> false;
        };
    }

    /** A status a play ends in, as the daily roll-up counts it (MISSED and CANCELLED may still be overturned). */
    public boolean isFinal() {
        return this != PENDING && this != PLAYING;
    }

    static final Set<LogStatus> REPORTABLE = EnumSet.of(PLAYING, PLAYED, FAILED, MISSED, PREEMPTED);
}
