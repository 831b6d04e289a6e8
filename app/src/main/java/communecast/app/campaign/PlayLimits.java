package communecast.app.campaign;

import communecast.app.web.ApiException;
import communecast.app.web.DateBounds;

import java.time.Duration;
import java.time.Instant;

/**
 * How much one answer about plays may hold, for the plan, a device's timeline and an area's calendar alike:
 * the range and the plays in it are bounded before any is built, so no request can take the server's memory.
 */
final class PlayLimits {
    static final Duration MAX_RANGE = Duration.ofDays(62);
    /** Plays (one per device and start) in one answer: about 5 MB of JSON, a 62-day plan of a busy commune. */
    static final int MAX_PLAYS = 20_000;
    /**
     * Plays (one per device and start) weighed to count a whole campaign for its report, none kept: bounds that
     * work, and still counts e.g. a year of three plays a day on 4,500 loudspeakers.
     */
    static final long MAX_COUNTED = 5_000_000;

    private PlayLimits() {
    }

    static void checkRange(Instant from, Instant to) {
        if (from == null || to == null || !to.isAfter(from)) {
            throw ApiException.badRequest("BAD_RANGE", "from and to are required instants with from before to");
        }
        DateBounds.check("from", from);
        DateBounds.check("to", to);
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw ApiException.badRequest("BAD_RANGE", "from and to are at most " + MAX_RANGE.toDays() + " days apart per request");
        }
    }

    /** {@code plays}: how many the answer would hold so far. */
    static void checkPlays(long plays) {
        if (plays > MAX_PLAYS) {
            throw ApiException.badRequest("RANGE_TOO_LARGE", "more than " + MAX_PLAYS
                    + " plays in this range; ask for a shorter one (from, to) or fewer devices");
        }
    }
}
