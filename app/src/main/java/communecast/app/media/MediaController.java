package communecast.app.media;

import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Body;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.inject.Named;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;

@Controller("/api/media")
@Secured(SecurityRule.IS_AUTHENTICATED)
final class MediaController {
    private final MediaLibrary library;
    private final MediaStore store;

    private final ExecutorService blocking;

    MediaController(MediaLibrary library, MediaStore store, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.library = library;
        this.store = store;
        this.blocking = blocking;
    }

    /**
     * Streams the upload to disk (never whole in memory); 202 while FFmpeg checks it. Runs reactive:
     * the bytes arrive on the event loop, the database work runs on the blocking pool.
     */
    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Mono<MutableHttpResponse<MediaItem>> upload(Authentication auth, StreamingFileUpload file,
                                                @Nullable String title, @Nullable Integer stillSeconds) {
        CurrentUser user = CurrentUser.of(auth);
        user.require(Role.ADMIN, Role.EDITOR); // before taking the bytes
        Path received = store.incomingFile();
        return Mono.from(file.transferTo(received.toFile()))
                .publishOn(Schedulers.fromExecutorService(blocking))
                .map(complete -> {
                    if (!complete) {
                        throw ApiException.badRequest("UPLOAD_FAILED", "the upload did not complete");
                    }
                    String name = title != null && !title.isBlank() ? title : file.getFilename();
                    return HttpResponse.<MediaItem>accepted().body(library.add(user, name, received, size(received), stillSeconds));
                })
                .doFinally(signal -> deleteQuietly(received));
    }

    /** Tiếp sóng: {@code {title, url, minutes}}; then a campaign item names it like any media. */
    @Serdeable
    record NewStream(@Nullable String title, @Nullable String url, @Nullable Integer minutes) {
    }

    @Post("/streams")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<MediaItem> addStream(Authentication auth, @Body NewStream request) {
        return HttpResponse.created(library.addStream(CurrentUser.of(auth), request));
    }

    @Get("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    MediaDetails get(Authentication auth, long id) {
        return library.details(CurrentUser.of(auth), id);
    }

    @Delete("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    MediaItem delete(Authentication auth, long id) {
        return library.delete(CurrentUser.of(auth), id);
    }

    @Get("/{id}/poster.png")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<SystemFile> poster(Authentication auth, long id) {
        return picture(library.visible(CurrentUser.of(auth), id).posterSha256(), "poster", id);
    }

    @Get("/{id}/waveform.png")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<SystemFile> waveform(Authentication auth, long id) {
        return picture(library.visible(CurrentUser.of(auth), id).waveformSha256(), "waveform", id);
    }

    private HttpResponse<SystemFile> picture(String sha256, String what, long id) {
        if (sha256 == null) {
            throw ApiException.notFound(what + " of media", id);
        }
        return HttpResponse.ok(new SystemFile(library.file(sha256).toFile(), MediaType.IMAGE_PNG_TYPE));
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    List<MediaItem> list(Authentication auth) {
        return library.visibleList(CurrentUser.of(auth));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The stored copy is a move; what is left here is an aborted or rejected upload.
    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover .part file in incoming/ harms nothing
        }
    }
}
