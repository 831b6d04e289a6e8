package communecast.media.video;

import communecast.media.audio.Loudness;

/**
 * What {@link VideoRenderer#render} wrote.
 *
 * @param durationMs  playing time: frame count / frame rate (the last frame's end, not its start)
 * @param width       the screen width: every frame is exactly this wide
 * @param height      the screen height
 * @param frameRate   the constant frame rate
 * @param bitrateKbps the whole file's average bitrate, audio and container included: size × 8 / duration
 * @param soundBefore the source's sound as uploaded, or null: no sound, or sound that could not be levelled
 *                    (silent, too quiet to lift), which is kept as it was
 * @param soundAfter  the written sound, measured on the file, or null for a silent rendition
 */
public record VideoRendition(long durationMs, int width, int height, double frameRate, long bitrateKbps,
                             Loudness soundBefore, Loudness soundAfter) {
}
