package communecast.app.media;

import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.Pages;
import communecast.app.web.BrowserSession;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * The media library page: what the user's area may use, an upload with a progress bar (ui.js posts here
 * with XMLHttpRequest), and each new row following its processing until READY or REJECTED (htmx polls).
 */
@Controller("/ui/media")
@Secured(SecurityRule.IS_AUTHENTICATED)
final class UiMediaController {
    /** An upload is not a form post: ui.js sends the page's anti-forgery token in this header. */

    private final MediaLibrary library;
    private final MediaUploads uploads;
    private final Pages pages;

    UiMediaController(MediaLibrary library, MediaUploads uploads, Pages pages) {
        this.library = library;
        this.uploads = uploads;
        this.pages = pages;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth) {
        CurrentUser user = CurrentUser.of(auth);
        return pages.page(request, "media", Map.of("rows", library.visibleList(user).stream().map(MediaRow::of).toList(),
                "mayUpload", user.has(Role.ADMIN, Role.EDITOR)));
    }

    /** One row, which the page polls while the file is processed; a finished row stops the polling. */
    @Get("/{id}/row")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> row(HttpRequest<?> request, Authentication auth, long id) {
        return pages.page(request, "media-row", Map.of("m", MediaRow.of(library.visible(CurrentUser.of(auth), id))));
    }

    /** The API's upload (same service, same rules) answering with the new row; refusals are the API's JSON errors. */
    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Mono<MutableHttpResponse<?>> upload(HttpRequest<?> request, Authentication auth, StreamingFileUpload file,
                                        @Nullable String title, @Nullable Integer stillSeconds) {
        pages.requireForm(request, request.getHeaders().get(BrowserSession.CSRF_HEADER));
        return uploads.receive(CurrentUser.of(auth), file, title, stillSeconds)
                .map(item -> pages.page(request, "media-row", Map.of("m", MediaRow.of(item))).status(HttpStatus.ACCEPTED));
    }
}
