package communecast.app.emergency;

import communecast.app.security.CurrentUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

@Controller("/api/emergency")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public final class EmergencyController {
    private static final Duration POLL = Duration.ofMillis(500);

    private final Emergencies emergencies;

    EmergencyController(Emergencies emergencies) {
        this.emergencies = emergencies;
    }

    /** CONTRACT.md, plus {@code repeat} (default 1), {@code validMinutes} (default 15) and a {@code title}. */
    @Serdeable
    public record NewEmergency(@Nullable Long mediaId, @Nullable List<Long> areaIds, @Nullable List<Long> deviceIds,
                        @Nullable Integer repeat, @Nullable Integer validMinutes, @Nullable String title) {
    }

    @Post
    HttpResponse<EmergencyStatus> start(Authentication auth, @Body NewEmergency request) {
        return HttpResponse.accepted().body(emergencies.start(CurrentUser.of(auth), request));
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
        Supplier<EmergencyStatus> current = emergencies.follow(CurrentUser.of(auth), id);
        return Flux.interval(Duration.ZERO, POLL, Schedulers.boundedElastic())
                .map(tick -> current.get())
                .distinctUntilChanged()
                .takeUntil(emergencies::settled)
                .map(Event::of);
    }
}
