package communecast.app.area;

import communecast.app.security.CurrentUser;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalTime;
import java.util.List;

@Controller("/api/areas")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AreaController {
    private final Areas areas;
    private final Letterheads letterheads;

    AreaController(Areas areas, Letterheads letterheads) {
        this.areas = areas;
        this.letterheads = letterheads;
    }

    @Post
    HttpResponse<Area> create(Authentication auth, @Body NewArea request) {
        return HttpResponse.created(areas.create(CurrentUser.of(auth), request.name(), request.code(), request.kind(), request.parentId(),
                request.unitName()));
    }

    @Get
    List<Area> list(Authentication auth) {
        return areas.visibleTree(CurrentUser.of(auth));
    }

    @Get("/{id}")
    Area get(Authentication auth, long id) {
        return areas.visible(CurrentUser.of(auth), id);
    }

    /** {name, parentId}: renames, and with another parent (of the kind the area needs) moves it and all below it. */
    @Put("/{id}")
    Area change(Authentication auth, long id, @Body AreaChange request) {
        return areas.change(CurrentUser.of(auth), id, request.name(), request.parentId());
    }

    /** Giờ không phát loa: e.g. {"from": "22:00", "to": "05:00"}; nulls follow the parent area. */
    @Put("/{id}/quiet-hours")
    Area quietHours(Authentication auth, long id, @Body QuietHoursRequest request) {
        return areas.setQuietHours(CurrentUser.of(auth), id, request.from(), request.to());
    }

    /** What the area's reports carry as an official document, the defaults filled in. */
    @Get("/{id}/letterhead")
    Letterhead letterhead(Authentication auth, long id) {
        return letterheads.get(CurrentUser.of(auth), id);
    }

    /** {unitName?, superiorUnit?, unitCode?, place?, signerTitle?, signerName?}: a field left out takes its default. */
    @Put("/{id}/letterhead")
    Letterhead setLetterhead(Authentication auth, long id, @Body Letterheads.Stored request) {
        return letterheads.set(CurrentUser.of(auth), id, request);
    }

    @Serdeable
    record QuietHoursRequest(@Nullable LocalTime from, @Nullable LocalTime to) {
    }

    @Serdeable
    record AreaChange(String name, @Nullable Long parentId) {
    }

    @Serdeable
    record NewArea(String name, String code, AreaKind kind, Long parentId, @Nullable String unitName) {
    }
}
