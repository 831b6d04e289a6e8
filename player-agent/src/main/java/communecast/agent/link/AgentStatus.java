package communecast.agent.link;

import java.time.OffsetDateTime;

/** What the agent tells the server of itself in each heartbeat (docs/protocol.md, "heartbeat"). */
public record AgentStatus(long uptimeSeconds, Long playingOrderId, Long nextOrderId, OffsetDateTime nextStartAt,
        Long cacheBytes, Long freeDiskBytes, String lastError, long silenceSeconds, boolean deadAir) {
}
