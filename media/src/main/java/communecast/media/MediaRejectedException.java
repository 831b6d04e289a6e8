package communecast.media;

/** A file that cannot be broadcast, with the reason in words a person can act on. */
public final class MediaRejectedException extends Exception {

    public enum Reason {
        /** Zero bytes. */
        EMPTY,
        /** FFmpeg does not recognise or cannot open the container. */
        UNREADABLE,
        /** A container with neither an audio nor a video stream; or, asked for a picture, an audio file. */
        NO_MEDIA_STREAM,
        /** Streams are declared, but no frame decodes, or the file ends before its declared end. */
        UNDECODABLE,
        /** Longer than the probe accepts. */
        TOO_LONG,
        /** A picture wider or taller than {@link MediaProbe#MAX_PICTURE_SIDE} or larger than {@link MediaProbe#MAX_PICTURE_PIXELS}. */
        TOO_LARGE,
        /** Audio that is silent, or so quiet that normalising it would mostly raise its noise. */
        TOO_QUIET
    }

    private final Reason reason;

    public MediaRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MediaRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
