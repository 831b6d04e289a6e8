package communecast.agent.orders;

import communecast.media.MediaKind;
import java.time.OffsetDateTime;

/** A play the server decided: this media, on this device, starting exactly at {@code startAt}. */
public record Order(
        long orderId,
        Long campaignId,
        long mediaId,
        String mediaSha256,
        String mediaUrl,
        MediaKind mediaKind,
        long durationMs,
        OffsetDateTime startAt,
        String level) {

    /** An order without these cannot be played at all; anything else unknown is left to the player. */
    public boolean isComplete() {
        return startAt != null && mediaUrl != null && mediaSha256 != null;
    }
}
