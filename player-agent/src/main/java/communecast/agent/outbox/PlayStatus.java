package communecast.agent.outbox;

/** What became of an order on this device; the same words as the server's broadcast-log statuses. */
public enum PlayStatus {
    PLAYING,
    PLAYED,
    FAILED,
    MISSED,
    /** Cut by a play of a higher level; its real start and end are reported. */
    PREEMPTED;

    public boolean isFinal() {
        return this != PLAYING;
    }
}
