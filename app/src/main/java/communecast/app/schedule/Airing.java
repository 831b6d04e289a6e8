package communecast.app.schedule;

import java.time.Instant;

/** One start of one item on one device: PLANNED, or EXCLUDED with the reason. */
public record Airing(long deviceId, long campaignId, long itemId, long mediaId, Instant startAt, Instant endAt, String excludedBecause) {

    public boolean planned() {
        return excludedBecause == null;
    }

    public String status() {
        return planned() ? "PLANNED" : "EXCLUDED";
    }
}
