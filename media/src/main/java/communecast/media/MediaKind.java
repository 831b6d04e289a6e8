package communecast.media;

/** What a media file is, decided from its content, never from its name. */
public enum MediaKind {
    AUDIO,
    VIDEO,
    IMAGE,
    /** A live stream relayed for a time window (tiếp sóng, e.g. VOV1 at 06:00): a URL, not a file. */
    STREAM
}
