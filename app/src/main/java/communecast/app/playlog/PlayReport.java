package communecast.app.playlog;

import java.time.Instant;

/** What a device says it did with an order (protocol message {@code report}). */
public record PlayReport(long orderId, LogStatus status, Instant startedAt, Instant endedAt, String reason) {
}
