package communecast.app.media;

/** AUDIO: the loudness-normalised broadcast MP3. VIDEO: H.264 made for one screen size. */
public enum RenditionKind {
    AUDIO, VIDEO
}
