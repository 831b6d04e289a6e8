package communecast.media.audio;

/**
 * The result of rendering an upload for broadcast.
 *
 * @param before     loudness of the input as uploaded (its own channels and rate)
 * @param after      loudness of the written MP3, measured by decoding that file again
 * @param durationMs playing time of the written MP3, from its decoded samples
 */
public record AudioRendition(Loudness before, Loudness after, long durationMs) {
}
