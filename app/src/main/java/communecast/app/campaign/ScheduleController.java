package communecast.app.campaign;

import communecast.app.area.Area;
import communecast.app.area.Areas;
import communecast.app.device.Devices;
import communecast.app.security.CurrentUser;
import communecast.app.web.Attachment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Merged views over every approved campaign: a device's timeline, an area's calendar (iCalendar). Both
 * bounded as the plan is ({@link PlayLimits}).
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ScheduleController {
    private final Timeline timeline;
    private final Devices devices;
    private final Areas areas;
    private final Clock clock;

    ScheduleController(Timeline timeline, Devices devices, Areas areas, Clock clock) {
        this.timeline = timeline;
        this.devices = devices;
        this.areas = areas;
        this.clock = clock;
    }

    @Get("/devices/{id}/timeline")
    List<Timeline.Entry> deviceTimeline(Authentication auth, long id, @Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to) {
        CurrentUser user = CurrentUser.of(auth);
        Instant start = from != null ? from : clock.instant();
        Instant end = to != null ? to : start.plus(Duration.ofDays(2));
        return timeline.of(List.of(devices.visible(user, id)), start, end);
    }

    /** Lịch phát sóng of an area and everything below it, for staff's calendar apps; default the next 31 days. */
    @Get(value = "/areas/{id}/schedule.ics", produces = "text/calendar")
    HttpResponse<Publisher<byte[]>> areaCalendar(Authentication auth, long id, @Nullable @QueryValue Instant from,
                                                 @Nullable @QueryValue Instant to) {
        CurrentUser user = CurrentUser.of(auth);
        Area area = areas.visible(user, id);
        Instant start = from != null ? from : clock.instant();
        Instant end = to != null ? to : start.plus(Duration.ofDays(31));
        List<Timeline.Entry> entries = timeline.of(devices.inArea(id), start, end);
        Instant stamp = clock.instant();
        // Written as made, some hundred events to a chunk: never the whole calendar in memory a second time.
        Flux<byte[]> ics = Flux.fromStream(() -> ICalendar.write(area.name(), entries, stamp))
                .buffer(200).map(pieces -> String.join("", pieces).getBytes(StandardCharsets.UTF_8));
        return HttpResponse.<Publisher<byte[]>>ok(ics)
                .contentType(new MediaType("text/calendar; charset=utf-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, Attachment.contentDisposition("lich-phat-song-" + area.code() + ".ics"));
    }
}
