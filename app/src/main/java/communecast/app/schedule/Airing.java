package communecast.app.schedule;

import java.time.Instant;

/**
 * One start of one item on one device: PLANNED, or EXCLUDED with the reason. {@code movedBecause}: why it starts
 * later than its rule says (a commune put another campaign's play first), null when it does not.
 */
public record Airing(long deviceId, long campaignId, long itemId, long mediaId, Instant startAt, Instant endAt, String excludedBecause,
                     String movedBecause) {

    public boolean planned() {
        return excludedBecause == null;
    }

    /** Why it does not air, else why it airs later than asked, else null. */
    public String reason() {
        return excludedBecause != null ? excludedBecause : movedBecause;
    }

    public String status() {
        return planned() ? "PLANNED" : "EXCLUDED";
    }
}
