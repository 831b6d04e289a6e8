package communecast.agent.outbox;

/** What became of an order on this device; the same words as the server's broadcast-log statuses. */
public enum PlayStatus {
    PLAYING,
    PLAYED,
    FAILED,
    MISSED;

    public boolean isFinal() {
        return this != PLAYING;
    }
}
