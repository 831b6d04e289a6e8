package communecast.agent.player;

import communecast.agent.orders.Order;
import communecast.media.MediaDecoder;

/** Opens the output an order plays to. */
@FunctionalInterface
public interface OutputFactory {

    Output open(Order order, MediaDecoder decoder) throws OutputException;
}
