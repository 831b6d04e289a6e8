package communecast.agent.cli;

/** Who this agent is to the server: kept in the data directory after enrollment. */
record DeviceCredentials(long deviceId, String token, String server) {
}
