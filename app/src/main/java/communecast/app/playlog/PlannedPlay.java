package communecast.app.playlog;

import java.time.Instant;

/** A play dispatch has decided on, before it has a log id. */
public record PlannedPlay(long campaignId, long itemId, long deviceId, long mediaId, Instant scheduledAt, Instant playUntil) {
}
