package communecast.app.playlog;

/** A campaign on air now, and on how many of the devices asked about. */
public record OnAir(long campaignId, String title, long devices) {
}
