package communecast.app.schedule;

/** What the schedule needs of a medium: how long it plays (0 when not known) and whether a loudspeaker has anything to play. */
public record MediaFacts(long mediaId, long durationMs, boolean hasAudio) {
}
