package communecast.app.area;

import communecast.app.schedule.QuietHours;
import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import communecast.app.web.Pages;
import communecast.app.web.PageError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Địa bàn: the tree of the user's area (tỉnh → xã → thôn) with each area's quiet hours, the unit that signs its
 * reports and its devices; an ADMIN adds, renames and moves areas, an EDITOR sets quiet hours and the unit, through
 * {@link Areas} and {@link Letterheads} as the API's calls do.
 */
@Controller("/ui/areas")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiAreasController {
    private final Areas areas;
    private final Letterheads letterheads;
    private final DevicesInUse devices;
    private final Pages pages;

    UiAreasController(Areas areas, Letterheads letterheads, DevicesInUse devices, Pages pages) {
        this.areas = areas;
        this.letterheads = letterheads;
        this.devices = devices;
        this.pages = pages;
    }

    /**
     * One row of the tree: {@code depth} below the user's own area, the quiet hours in force ({@code ownQuiet}:
     * set here, not followed from above), the unit's name when the office set one (else the People's Committee's,
     * as the letterhead derives it), devices in use directly in it.
     */
    record Row(Area area, int depth, String quietHours, boolean ownQuiet, @Nullable String unitName, long devices, boolean open) {
    }

    /** Provinces and communes; the villages of the commune {@code open} only (a province has thousands). */
    @Get
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth, @Nullable @QueryValue Long open) {
        return page(request, CurrentUser.of(auth), open, null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, Authentication auth, @Nullable String _csrf, @Nullable String name,
                           @Nullable String code, @Nullable AreaKind kind, @Nullable String parentId, @Nullable String unitName) {
        return act(request, auth, _csrf, user -> areas.create(user, name, code, kind, Pages.optionalId(parentId), unitName));
    }

    @Post("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> change(HttpRequest<?> request, Authentication auth, long id, @Nullable String _csrf, @Nullable String name,
                           @Nullable String parentId) {
        return act(request, auth, _csrf, user -> areas.change(user, id, name, Pages.optionalId(parentId)));
    }

    /** The move form: the area keeps its name under its new parent. */
    @Post("/move")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> move(HttpRequest<?> request, Authentication auth, @Nullable String _csrf, @Nullable String areaId,
                         @Nullable String parentId) {
        return act(request, auth, _csrf, user -> {
            Long id = Pages.optionalId(areaId);
            if (id == null) {
                throw ApiException.badRequest("MISSING_FIELD", "pick the area to move");
            }
            areas.change(user, id, areas.visible(user, id).name(), Pages.optionalId(parentId));
        });
    }

    /** Both blank: follow the area above. */
    @Post("/{id}/quiet-hours")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> quietHours(HttpRequest<?> request, Authentication auth, long id, @Nullable String _csrf, @Nullable String from,
                               @Nullable String to) {
        return act(request, auth, _csrf, user -> areas.setQuietHours(user, id, time("from", from), time("to", to)));
    }

    @Post("/{id}/unit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> unit(HttpRequest<?> request, Authentication auth, long id, @Nullable String _csrf, @Nullable String unitName) {
        return act(request, auth, _csrf, user -> letterheads.setUnitName(user, id, unitName));
    }

    private HttpResponse<?> act(HttpRequest<?> request, Authentication auth, @Nullable String csrf, Consumer<CurrentUser> action) {
        return pages.act(request, CurrentUser.of(auth), csrf, action, "/ui/areas", (user, error) -> page(request, user, null, error));
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, CurrentUser user, @Nullable Long open, @Nullable PageError error) {
        List<Area> tree = areas.visibleTree(user);
        int top = tree.stream().mapToInt(UiAreasController::level).min().orElse(0);
        Map<Long, Long> deviceCount = devices.perArea(user);
        // In path order a parent comes first: what an area follows is known when its row is made (one query for the top).
        Map<Long, QuietHours> inForce = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Area a : tree) {
            QuietHours quiet = a.quietFrom() != null && a.quietTo() != null ? new QuietHours(a.quietFrom(), a.quietTo())
                    : inForce.containsKey(a.parentId()) ? inForce.get(a.parentId()) : areas.quietHoursOf(a.id());
            inForce.put(a.id(), quiet);
            if (a.kind() != AreaKind.VILLAGE || a.parentId().equals(open) || Objects.equals(user.areaId(), a.id())) {
                rows.add(new Row(a, level(a) - top, quiet.toString(), a.quietFrom() != null, a.unitName(), deviceCount.getOrDefault(a.id(), 0L),
                        Objects.equals(open, a.id())));
            }
        }
        Map<String, Object> model = new HashMap<>(Map.of("rows", rows, "admin", user.has(Role.ADMIN),
                "editor", user.has(Role.ADMIN, Role.EDITOR), "kinds", List.of(AreaKind.values()),
                "parents", tree.stream().filter(a -> a.kind() != AreaKind.VILLAGE).toList(), "national", user.areaId() == null,
                "movable", rows.stream().map(Row::area).filter(a -> a.kind() != AreaKind.PROVINCE && !Objects.equals(user.areaId(), a.id())).toList()));
        if (error != null) {
            model.put("error", error);
        }
        return pages.page(request, "areas", model);
    }

    /** "/1/7/42/" is three levels deep. */
    private static int level(Area area) {
        return (int) area.path().chars().filter(c -> c == '/').count() - 1;
    }

    private static LocalTime time(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("BAD_TIME", field + " must be a time as HH:mm");
        }
    }
}
