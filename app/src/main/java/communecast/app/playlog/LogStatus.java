package communecast.app.playlog;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A broadcast log's life: PENDING, maybe PLAYING, then exactly one final status. Which move may follow which is
 * said here only: the server's own moves ({@link Move}, whose statuses the repository's SQL binds) and a
 * device's reports ({@link #acceptsReport}).
 */
public enum LogStatus {
    PENDING, PLAYING, PLAYED, FAILED, MISSED, PREEMPTED, CANCELLED;

    /** The moves the server makes itself, each to one status from the statuses it may start from. */
    public enum Move {
        /** A play not started is taken back: its campaign cancelled, paused or changed, its device retired. */
        CANCEL(CANCELLED, PENDING),
        /** No word from the device in time. */
        MISS(MISSED, PENDING),
        /** A pause undone: a play it took back, still ahead, is pending again. */
        REINSTATE(PENDING, CANCELLED);

        private final LogStatus to;
        private final Set<LogStatus> from;

        Move(LogStatus to, LogStatus first, LogStatus... rest) {
            this.to = to;
            this.from = EnumSet.of(first, rest);
        }

        public LogStatus to() {
            return to;
        }

        public Set<LogStatus> from() {
            return from;
        }
    }

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

    /** Whether this name (a device's state in an emergency's status, say) is a final status. */
    public static boolean isFinal(String name) {
        return Arrays.stream(values()).anyMatch(s -> s.isFinal() && s.name().equals(name));
    }

    static final Set<LogStatus> REPORTABLE = EnumSet.of(PLAYING, PLAYED, FAILED, MISSED, PREEMPTED);
}
