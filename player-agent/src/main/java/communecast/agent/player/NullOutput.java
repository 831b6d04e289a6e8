package communecast.agent.player;

import communecast.media.MediaDecoder.DecodedFrame;
import java.time.Duration;

/** Discards frames: the player still decodes and paces them in real time (headless hosts, tests). */
public final class NullOutput implements Output {

    public static OutputFactory factory() {
        return (order, decoder) -> new NullOutput();
    }

    @Override
    public Duration lead() {
        return Duration.ZERO;
    }

    @Override
    public void write(DecodedFrame frame) {
        // Nowhere to go, by design.
    }

    @Override
    public void finish() {
        // Nothing buffered.
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
