package communecast.app.media;

import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;

@Controller("/api/media")
@Secured(SecurityRule.IS_AUTHENTICATED)
final class MediaController {
    private final MediaLibrary library;
    private final MediaUploads uploads;
    private final SpokenBulletins spoken;

    MediaController(MediaLibrary library, MediaUploads uploads, SpokenBulletins spoken) {
        this.library = library;
        this.uploads = uploads;
        this.spoken = spoken;
    }

    /** 202 while FFmpeg checks the file; the bytes go to disk as they arrive. */
    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Mono<MutableHttpResponse<MediaItem>> upload(Authentication auth, StreamingFileUpload file,
                                                @Nullable String title, @Nullable Integer stillSeconds) {
        return uploads.receive(CurrentUser.of(auth), file, title, stillSeconds).map(item -> HttpResponse.<MediaItem>accepted().body(item));
    }

    /** A bulletin read aloud from text; 202 while it is processed like an upload, 409 TTS_UNAVAILABLE without an engine. */
    @Post("/tts")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<MediaItem> speak(Authentication auth, @Body NewSpokenBulletin request) {
        return HttpResponse.accepted().body(spoken.make(CurrentUser.of(auth), request));
    }

    /** {@code {public: true|false}}: on the unit's website while an approved campaign airs it. */
    @Put("/{id}/public")
    @ExecuteOn(TaskExecutors.BLOCKING)
    MediaItem showPublicly(Authentication auth, long id, @Body Publicity request) {
        if (request == null || request.shown() == null) {
            throw ApiException.badRequest("MISSING_FIELD", "public is required: true or false");
        }
        return library.showPublicly(CurrentUser.of(auth), id, request.shown());
    }

    @Serdeable
    record Publicity(@Nullable @JsonProperty("public") Boolean shown) {
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
        String sha256 = library.visible(CurrentUser.of(auth), id).posterSha256();
        return picture(Optional.ofNullable(sha256).orElseThrow(() -> ApiException.notFound("poster of media", id)));
    }

    @Get("/{id}/waveform.png")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<SystemFile> waveform(Authentication auth, long id) {
        String sha256 = library.visible(CurrentUser.of(auth), id).waveformSha256();
        return picture(Optional.ofNullable(sha256).orElseThrow(() -> ApiException.notFound("waveform of media", id)));
    }

    /**
     * What the devices will play, for staff to hear or see before they schedule it: the loudness-normalised
     * sound, or for a video or picture the first screen size made.
     */
    @Get("/{id}/preview")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<SystemFile> preview(Authentication auth, long id) {
        MediaItem item = library.visible(CurrentUser.of(auth), id);
        RenditionKind kind = item.visual() ? RenditionKind.VIDEO : RenditionKind.AUDIO;
        Rendition rendition = library.renditionsOf(List.of(id)).stream().filter(r -> r.kind() == kind && r.ready())
                .findFirst().orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "PREVIEW_NOT_READY",
                        "media " + id + " has no playable file yet" + (item.error() == null ? "" : ": " + item.error())));
        MediaType type = kind == RenditionKind.VIDEO ? MediaType.of("video/mp4") : MediaType.of("audio/mpeg");
        return HttpResponse.ok(new SystemFile(library.file(rendition.sha256()).toFile(), type));
    }

    private HttpResponse<SystemFile> picture(String sha256) {
        return HttpResponse.ok(new SystemFile(library.file(sha256).toFile(), MediaType.IMAGE_PNG_TYPE));
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    List<MediaItem> list(Authentication auth) {
        return library.visibleList(CurrentUser.of(auth));
    }
}
