package communecast.agent.player;

/** The media of an order could not be made ready; the message says why, short enough for a report. */
public final class MediaNotReadyException extends Exception {

    public MediaNotReadyException(String reason) {
        super(reason);
    }
}
