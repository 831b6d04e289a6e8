package communecast.app.agentlink;

/** A device said hello: whoever holds its orders should send them now. */
public record AgentConnected(long deviceId) {
}
