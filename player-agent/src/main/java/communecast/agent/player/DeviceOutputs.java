package communecast.agent.player;

import communecast.agent.orders.Order;
import communecast.media.MediaDecoder;
import communecast.media.MediaKind;

/** The real outputs of this version: sound for audio orders. A window for video and images comes later. */
public final class DeviceOutputs implements OutputFactory {

    @Override
    public Output open(Order order, MediaDecoder decoder) throws OutputException {
        if (order.mediaKind() != MediaKind.AUDIO) {
            throw new OutputException("window output not available in this version");
        }
        return SoundOutput.open(decoder);
    }
}
