package communecast.agent.orders;

import communecast.media.MediaKind;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A play the server decided: this media, on this device, starting exactly at {@code startAt}. {@code playUntil}
 * is the latest it may still begin if it cannot begin then (its file came late): an emergency's window; null for
 * other plays, which begin at most the player's tolerance late. {@code fallback}: a relay's recording, aired when
 * its stream is down at the start; null for other plays.
 */
public record Order(
        long orderId,
        Long campaignId,
        long mediaId,
        String mediaSha256,
        String mediaUrl,
        MediaKind mediaKind,
        long durationMs,
        OffsetDateTime startAt,
        String level,
        OffsetDateTime playUntil,
        Fallback fallback) {

    /** A recorded medium, fetched ahead as the order's own would be. */
    public record Fallback(long mediaId, String mediaSha256, String mediaUrl, long durationMs) {
    }

    /** An order without a window of its own. */
    public Order(long orderId, Long campaignId, long mediaId, String mediaSha256, String mediaUrl, MediaKind mediaKind,
            long durationMs, OffsetDateTime startAt, String level) {
        this(orderId, campaignId, mediaId, mediaSha256, mediaUrl, mediaKind, durationMs, startAt, level, null);
    }

    /** An order without a fallback. */
    public Order(long orderId, Long campaignId, long mediaId, String mediaSha256, String mediaUrl, MediaKind mediaKind,
            long durationMs, OffsetDateTime startAt, String level, OffsetDateTime playUntil) {
        this(orderId, campaignId, mediaId, mediaSha256, mediaUrl, mediaKind, durationMs, startAt, level, playUntil, null);
    }

    /** The fallback as a play of its own at the same time, for the cache (which fetches and keeps what orders name). */
    public Order fallbackPlay() {
        return fallback == null ? null : new Order(orderId, campaignId, fallback.mediaId(), fallback.mediaSha256(),
                fallback.mediaUrl(), MediaKind.AUDIO, fallback.durationMs(), startAt, level, playUntil);
    }

    /** Later than this the play does not begin at all: {@code tolerance} after its air time, or its window's end. */
    public Instant latestStart(Duration tolerance) {
        Instant byTolerance = startAt.toInstant().plus(tolerance);
        return playUntil != null && playUntil.toInstant().isAfter(byTolerance) ? playUntil.toInstant() : byTolerance;
    }

    /** Until when fetching its media still helps: its air time, or its window's end. */
    public Instant fetchDeadline() {
        return latestStart(Duration.ZERO);
    }

    /** An order without these cannot be played at all; anything else unknown is left to the player. */
    public boolean isComplete() {
        return startAt != null && mediaUrl != null && mediaSha256 != null;
    }
}
