package communecast.agent.player;

/** An output cannot play; the message is short enough for a report. */
public final class OutputException extends Exception {

    public OutputException(String reason) {
        super(reason);
    }

    public OutputException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
