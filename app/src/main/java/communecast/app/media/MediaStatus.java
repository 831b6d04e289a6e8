package communecast.app.media;

public enum MediaStatus {
    PROCESSING, READY, REJECTED
}
