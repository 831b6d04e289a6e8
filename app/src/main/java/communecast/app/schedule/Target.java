package communecast.app.schedule;

/**
 * A device a campaign targets, as far as what airs on it depends: whether it is a loudspeaker (quiet hours hold,
 * a silent video does not air) or a screen, and its area.
 */
public record Target(long deviceId, boolean loudspeaker, long areaId) {
}
