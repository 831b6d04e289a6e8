package communecast.app.media;

import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import communecast.app.web.PageError;
import communecast.app.web.Pages;
import communecast.app.web.BrowserSession;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
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

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The media library page: what the user's area may use, an upload with a progress bar (ui.js posts here
 * with XMLHttpRequest), a bulletin written as text and read aloud, and each new row following its processing until
 * READY or REJECTED (htmx polls), where it can be heard before it goes into a campaign.
 */
@Controller("/ui/media")
@Secured(SecurityRule.IS_AUTHENTICATED)
final class UiMediaController {
    /** The pace picker's choices: its word, the rate sent. */
    private static final List<Map.Entry<String, String>> RATES = List.of(Map.entry("slow", "0.8"), Map.entry("normal", "1.0"), Map.entry("fast", "1.2"));

    private final MediaLibrary library;
    private final MediaUploads uploads;
    private final SpokenBulletins spoken;
    private final Pages pages;

    UiMediaController(MediaLibrary library, MediaUploads uploads, SpokenBulletins spoken, Pages pages) {
        this.library = library;
        this.uploads = uploads;
        this.spoken = spoken;
        this.pages = pages;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth) {
        return page(request, CurrentUser.of(auth), null, Map.of("rate", "1.0"));
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, CurrentUser user, @Nullable PageError error, Map<String, String> typed) {
        Map<String, Object> model = new HashMap<>(Map.of("rows", library.visibleList(user).stream().map(MediaRow::of).toList(),
                "mayUpload", user.has(Role.ADMIN, Role.EDITOR), "voices", Arrays.stream(SpeechEngine.Voice.values()).map(Enum::name).toList(),
                "rates", RATES, "typed", typed));
        model.put("noSpeech", spoken.unavailable());
        model.put("error", error);
        return pages.page(request, "media", model);
    }

    /** The text form: the bulletin is made (the engine speaks it now), then processed like an upload while the list shows it. */
    @Post("/tts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> speak(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        return pages.act(request, CurrentUser.of(auth), form.get("_csrf"), user -> spoken.make(user, bulletin(form)), "/ui/media",
                (user, error) -> page(request, user, error, form));
    }

    /** On or off the unit's website; back to the library. */
    @Post("/{id}/public")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> showPublicly(HttpRequest<?> request, Authentication auth, long id, @Body Map<String, String> form) {
        return pages.act(request, CurrentUser.of(auth), form.get("_csrf"), user -> library.showPublicly(user, id, "true".equals(form.get("public"))),
                "/ui/media#media-" + id, (user, error) -> page(request, user, error, Map.of("rate", "1.0")));
    }

    private static NewSpokenBulletin bulletin(Map<String, String> form) {
        String rate = form.getOrDefault("rate", "").strip();
        try {
            return new NewSpokenBulletin(form.get("title"), form.get("text"), form.get("voice"), rate.isEmpty() ? null : Double.valueOf(rate));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("BAD_RATE", "rate must be a number like 1.0, not '" + rate + "'");
        }
    }

    /** One row, which the page polls while the file is processed; a finished row stops the polling. */
    @Get("/{id}/row")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> row(HttpRequest<?> request, Authentication auth, long id) {
        return pages.page(request, "media-row", Map.of("m", MediaRow.of(library.visible(CurrentUser.of(auth), id))));
    }

    /** The API's upload (same service, same rules) answering with the new row; a refusal is the error page ui.js reads. */
    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Mono<MutableHttpResponse<?>> upload(HttpRequest<?> request, Authentication auth, StreamingFileUpload file,
                                        @Nullable String title, @Nullable Integer stillSeconds) {
        pages.requireForm(request, request.getHeaders().get(BrowserSession.CSRF_HEADER));
        return uploads.receive(CurrentUser.of(auth), file, title, stillSeconds)
                .map(item -> pages.page(request, "media-row", Map.of("m", MediaRow.of(item))).status(HttpStatus.ACCEPTED));
    }
}
