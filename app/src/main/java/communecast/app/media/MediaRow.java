package communecast.app.media;

import communecast.media.MediaKind;

import java.util.Locale;

/** One media library row as the page shows it: length as m:ss, loudness before and after normalising, a picture. */
record MediaRow(MediaItem item, String size, String duration, String loudness, String picture, String preview) {

    static MediaRow of(MediaItem m) {
        String kind = m.width() == null ? "" : " " + m.width() + "×" + m.height();
        return new MediaRow(m, kind, duration(m.durationMs()), loudness(m.loudnessBeforeLufs(), m.loudnessAfterLufs()), picture(m),
                preview(m));
    }

    /** Shown as a video player for what screens show, a sound player for what loudspeakers play. */
    public boolean previewIsVideo() {
        return item.visual();
    }

    public boolean processing() {
        return item.status() == MediaStatus.PROCESSING;
    }

    private static String duration(Long ms) {
        if (ms == null) {
            return "";
        }
        long seconds = Math.round(ms / 1000.0);
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    private static String loudness(Double before, Double after) {
        if (after == null) {
            return before == null ? "" : lufs(before);
        }
        return (before == null ? "" : lufs(before) + " → ") + lufs(after);
    }

    private static String lufs(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** What the devices will play, once it is made; a live stream has no file. */
    private static String preview(MediaItem m) {
        return m.status() != MediaStatus.READY || m.kind() == MediaKind.STREAM ? null : "/api/media/" + m.id() + "/preview";
    }

    /** The API's poster (video, picture) or waveform (sound); the page's cookie reads them. */
    private static String picture(MediaItem m) {
        if (m.posterSha256() != null) {
            return "/api/media/" + m.id() + "/poster.png";
        }
        return m.waveformSha256() == null ? null : "/api/media/" + m.id() + "/waveform.png";
    }
}
