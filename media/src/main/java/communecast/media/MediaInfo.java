package communecast.media;

/**
 * What probing found in a media file. Fields that do not apply to the kind are null or 0:
 * an AUDIO file has no video fields, an IMAGE has no duration, no audio and no frame rate.
 *
 * @param container  FFmpeg's demuxer name, e.g. "wav", "mp3", "mov,mp4,m4a,3gp,3g2,mj2", "png_pipe"
 * @param durationMs playing time in milliseconds; 0 for an IMAGE
 * @param frameRate  frames per second of a VIDEO; 0 otherwise
 */
public record MediaInfo(
        MediaKind kind,
        String container,
        long durationMs,
        String audioCodec,
        int sampleRate,
        int channels,
        String videoCodec,
        int width,
        int height,
        double frameRate) {
}
