package communecast.app.media;

import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * Takes an upload into the library: the API's {@code POST /api/media} and the media page both come
 * through here, so the same rules apply. Streams the bytes to disk (never whole in memory): they arrive
 * on the event loop, the database work runs on the blocking pool.
 */
@Singleton
public class MediaUploads {
    private final MediaLibrary library;
    private final MediaStore store;
    private final ExecutorService blocking;

    MediaUploads(MediaLibrary library, MediaStore store, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.library = library;
        this.store = store;
        this.blocking = blocking;
    }

    public Mono<MediaItem> receive(CurrentUser user, StreamingFileUpload file, String title, Integer stillSeconds) {
        user.require(Role.ADMIN, Role.EDITOR); // before taking the bytes
        Path received = store.incomingFile();
        return Mono.from(file.transferTo(received.toFile()))
                .publishOn(Schedulers.fromExecutorService(blocking))
                .map(complete -> {
                    if (!complete) {
                        throw ApiException.badRequest("UPLOAD_FAILED", "the upload did not complete");
                    }
                    String name = title != null && !title.isBlank() ? title : file.getFilename();
                    return library.add(user, name, received, MediaStore.size(received), stillSeconds, null);
                })
                .doFinally(signal -> MediaStore.discard(received));
    }
}
