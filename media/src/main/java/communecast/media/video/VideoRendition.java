package communecast.media.video;

/**
 * What {@link VideoRenderer#render} wrote.
 *
 * @param durationMs  playing time: frame count / frame rate (the last frame's end, not its start)
 * @param width       the screen width: every frame is exactly this wide
 * @param height      the screen height
 * @param frameRate   the constant frame rate
 * @param bitrateKbps the whole file's average bitrate, audio and container included: size × 8 / duration
 */
public record VideoRendition(long durationMs, int width, int height, double frameRate, long bitrateKbps) {
}
