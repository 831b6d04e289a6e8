package communecast.app.emergency;

import communecast.app.security.CurrentUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.reactivestreams.Publisher;

import java.util.List;

@Controller("/api/emergency")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public final class EmergencyController {
    private final Emergencies emergencies;
    private final EmergencyFeeds feeds;

    EmergencyController(Emergencies emergencies, EmergencyFeeds feeds) {
        this.emergencies = emergencies;
        this.feeds = feeds;
    }

    @Post
    HttpResponse<EmergencyStatus> start(Authentication auth, @Body NewEmergency request) {
        return HttpResponse.accepted().body(emergencies.start(CurrentUser.of(auth), request));
    }

    /** The past emergencies the user may follow, newest first ({@code limit}, default 50, at most 200). */
    @Get
    List<EmergencySummary> list(Authentication auth, @Nullable @QueryValue Integer limit) {
        return emergencies.latest(CurrentUser.of(auth), limit == null ? 50 : limit);
    }

    @Get("/{id}")
    EmergencyStatus get(Authentication auth, long id) {
        return emergencies.status(CurrentUser.of(auth), id);
    }

    @Post("/{id}/stop")
    EmergencyStatus stop(Authentication auth, long id) {
        return emergencies.stop(CurrentUser.of(auth), id);
    }

    /** Server-sent events: the status each time it changes, until nothing more can change. */
    @Get(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<EmergencyStatus>> events(Authentication auth, long id) {
        return feeds.follow(CurrentUser.of(auth), id).map(Event::of);
    }
}
