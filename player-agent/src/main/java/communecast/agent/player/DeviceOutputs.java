package communecast.agent.player;

import communecast.media.MediaKind;
import communecast.agent.orders.Order;
import communecast.media.MediaDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The real outputs: sound for audio orders; the LED window for video and pictures, opened at the first of
 * them and kept (idle picture between items), with the sound of a video if the PC has a sound device.
 */
public final class DeviceOutputs implements OutputFactory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceOutputs.class);

    private final Screen.Settings screenSettings;
    private final Volume volume;
    private Screen screen;

    public DeviceOutputs(Screen.Settings screenSettings, Volume volume) {
        this.screenSettings = screenSettings;
        this.volume = volume;
    }

    @Override
    public Output open(Order order, MediaDecoder decoder) throws OutputException {
        if (order.mediaKind() == MediaKind.AUDIO || order.mediaKind() == MediaKind.STREAM) {
            return SoundOutput.open(decoder, volume);
        }
        return new WindowOutput(screen(), decoder, decoder.hasAudio() ? soundIfAny(decoder) : null);
    }

    /** The panel's picture now, as PNG; empty while no window was ever needed. */
    public synchronized Optional<byte[]> snapshot() {
        return screen == null ? Optional.empty() : Optional.of(screen.snapshot());
    }

    private synchronized Screen screen() throws OutputException {
        if (screen == null) {
            screen = Screen.open(screenSettings);
        }
        return screen;
    }

    /** A screen without speakers still shows its pictures. */
    private Output soundIfAny(MediaDecoder decoder) {
        try {
            return SoundOutput.open(decoder, volume);
        } catch (OutputException e) {
            LOG.warn("video without its sound: {}", e.getMessage());
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (screen != null) {
            screen.close();
        }
    }
}
