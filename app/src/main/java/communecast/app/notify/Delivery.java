package communecast.app.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One event sent to one subscriber, as its delivery log shows it: PENDING (with the next attempt), DELIVERED,
 * GAVE_UP or CANCELLED; what the receiver answered last ({@code lastStatus}: its HTTP status) or why it failed.
 */
@Serdeable
public record Delivery(long id, long eventId, String type, String status, int attempts, @Nullable Integer lastStatus,
                       @Nullable String lastError, Instant createdAt, Instant nextAttemptAt, @Nullable Instant deliveredAt) {
}
