package communecast.agent.cli;

/**
 * Who this agent is to the server: kept in the data directory after enrollment. {@code server} is the one
 * that enrolled it; the agent links to any of its list.
 */
record DeviceCredentials(long deviceId, String token, String server) {
}
