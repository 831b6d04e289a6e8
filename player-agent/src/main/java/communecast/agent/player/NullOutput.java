package communecast.agent.player;

import communecast.media.MediaDecoder.DecodedFrame;
import java.time.Duration;

/** Discards frames: the player still decodes and paces them in real time (headless hosts, tests). */
public final class NullOutput implements Output {
    private static final Duration LEAD = Duration.ofMillis(500);

    public static OutputFactory factory() {
        return (order, decoder) -> new NullOutput();
    }

    /** As a sound card's buffer would take them: the frames of half a second at each wake-up, not one each. */
    @Override
    public Duration lead() {
        return LEAD;
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
