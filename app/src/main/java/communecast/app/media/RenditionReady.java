package communecast.app.media;

/** A rendition of this media can now be downloaded: orders waiting for it may go out. */
public record RenditionReady(long mediaId) {
}
