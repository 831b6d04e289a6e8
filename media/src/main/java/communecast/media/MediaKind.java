package communecast.media;

/** What a media file is, decided from its content, never from its name. */
public enum MediaKind {
    AUDIO,
    VIDEO,
    IMAGE
}
