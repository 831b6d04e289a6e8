package communecast.agent;

import communecast.agent.orders.Order;
import communecast.media.MediaKind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Orders for tests. */
public final class TestOrders {

    public static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final String SOME_SHA = "9f2b5c0e4d0a7c1f8e3b6a2d5c4e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e";

    private TestOrders() {
    }

    public static Order audio(long orderId, Instant startAt) {
        return audio(orderId, startAt, SOME_SHA);
    }

    public static Order audio(long orderId, Instant startAt, String sha256) {
        return new Order(orderId, 5L, 7, sha256, "/agent/media/7", MediaKind.AUDIO, 2000,
                OffsetDateTime.ofInstant(startAt, HANOI), "NORMAL");
    }
}
