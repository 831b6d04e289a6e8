package communecast.app.schedule;

import java.time.Instant;

/** One start of one item; an excluded one says why it will not air. */
public record Occurrence(long itemId, long mediaId, Instant startAt, String excludedBecause) {

    public boolean excluded() {
        return excludedBecause != null;
    }
}
