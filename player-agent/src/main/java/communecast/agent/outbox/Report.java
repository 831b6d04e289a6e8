package communecast.agent.outbox;

import java.time.OffsetDateTime;

/** What the agent did with an order, kept until the server acknowledges it. */
public record Report(
        String reportId,
        long orderId,
        PlayStatus status,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        String reason) {

    public static Report of(long orderId, PlayStatus status, OffsetDateTime startedAt, OffsetDateTime endedAt,
            String reason) {
        return new Report(orderId + ":" + status, orderId, status, startedAt, endedAt, reason);
    }
}
