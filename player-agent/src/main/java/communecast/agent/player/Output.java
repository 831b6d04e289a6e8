package communecast.agent.player;

import communecast.media.MediaDecoder.DecodedFrame;
import java.time.Duration;

/** Where decoded frames go: a sound device, a window, or nowhere. Opened before air time. */
public interface Output extends AutoCloseable {

    /** How long before its time a frame must be handed over, e.g. to keep a device buffer filled. */
    Duration lead();

    void write(DecodedFrame frame) throws OutputException;

    /** Blocks until what was written has gone out. */
    void finish();

    @Override
    void close();
}
