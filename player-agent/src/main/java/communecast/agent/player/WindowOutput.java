package communecast.agent.player;

import communecast.media.MediaDecoder;
import communecast.media.MediaDecoder.DecodedFrame;

import java.time.Duration;

/** A video or picture on the LED window, its sound (if it has any and the PC has a sound device) in step. */
final class WindowOutput implements Output {
    private final Screen screen;
    private final MediaDecoder decoder;
    private final Output sound;

    WindowOutput(Screen screen, MediaDecoder decoder, Output sound) {
        this.screen = screen;
        this.decoder = decoder;
        this.sound = sound;
    }

    @Override
    public Duration lead() {
        return sound == null ? Duration.ZERO : sound.lead();
    }

    @Override
    public void write(DecodedFrame frame) throws OutputException {
        if (frame.isAudio()) {
            if (sound != null) {
                sound.write(frame);
            }
        } else {
            screen.show(decoder.picture());
        }
    }

    @Override
    public void finish() {
        if (sound != null) {
            sound.finish();
        }
    }

    /** Back to the idle picture; the window itself stays for the next item. */
    @Override
    public void close() {
        if (sound != null) {
            sound.close();
        }
        screen.showIdle();
    }
}
