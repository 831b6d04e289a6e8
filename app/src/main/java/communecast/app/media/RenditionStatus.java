package communecast.app.media;

/**
 * PROCESSING, then READY; REJECTED when the upload itself cannot be shown or heard (the medium is rejected with
 * it); FAILED when only this rendition could not be made (a screen size the encoder refuses): the medium is
 * READY for the other devices, and {@code error} says why.
 */
public enum RenditionStatus {
    PROCESSING, READY, REJECTED, FAILED
}
