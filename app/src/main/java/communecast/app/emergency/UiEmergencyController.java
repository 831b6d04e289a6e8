package communecast.app.emergency;

import communecast.app.area.Area;
import communecast.app.area.AreaKind;
import communecast.app.area.Areas;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.media.MediaStatus;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import communecast.app.web.LocalTimes;
import communecast.app.web.Pages;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Phát khẩn cấp in the browser: the form (bulletin, several areas, how often, how long it stays valid), a
 * confirmation that says what will be cut and where, the live status with its Stop button, and the past ones.
 */
@Controller("/ui/emergency")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiEmergencyController {
    private static final int PAST_SHOWN = 50;

    private final Emergencies emergencies;
    private final MediaLibrary media;
    private final Areas areas;
    private final Devices devices;
    private final Pages pages;
    private final LocalTimes times;

    UiEmergencyController(Emergencies emergencies, MediaLibrary media, Areas areas, Devices devices, Pages pages, LocalTimes times) {
        this.emergencies = emergencies;
        this.media = media;
        this.areas = areas;
        this.devices = devices;
        this.pages = pages;
        this.times = times;
    }

    /** What the form posts: one box per area ({@code area-12=on}), as the campaign editor's, so names stay unique. */
    record Request(@Nullable Long mediaId, List<Long> areaIds, @Nullable Integer repeat, @Nullable Integer validMinutes) {
        static Request parse(Map<String, String> fields) {
            List<Long> areaIds = fields.entrySet().stream().filter(e -> e.getKey().startsWith("area-") && "on".equals(e.getValue()))
                    .map(e -> number(e.getKey(), e.getKey().substring("area-".length()))).sorted().toList();
            Long mediaId = number("mediaId", fields.get("mediaId"));
            return new Request(mediaId, areaIds, count("repeat", fields.get("repeat")), count("validMinutes", fields.get("validMinutes")));
        }

        NewEmergency toNew() {
            return new NewEmergency(mediaId, areaIds, null, repeat, validMinutes, null);
        }

        /** A count the service checks the range of; one past an int is refused here, not wrapped into range. */
        private static Integer count(String field, @Nullable String text) {
            Long value = number(field, text);
            if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
                throw ApiException.badRequest("BAD_NUMBER", field + " is far too large: " + text);
            }
            return value == null ? null : value.intValue();
        }

        private static Long number(String field, @Nullable String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return Long.valueOf(text.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("BAD_NUMBER", field + " must be a whole number, not '" + text + "'");
            }
        }
    }

    @Get
    HttpResponse<?> form(HttpRequest<?> request, Authentication auth) {
        return form(request, CurrentUser.of(auth), new Request(null, List.of(), 3, 15), null);
    }

    /** Without {@code confirmed}: the confirmation page. With it: fired, and on to its status. */
    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> start(HttpRequest<?> request, Authentication auth, @Body Map<String, String> fields) {
        pages.requireForm(request, fields.get("_csrf"));
        CurrentUser user = CurrentUser.of(auth);
        Request form = Request.parse(fields);
        if (form.mediaId() == null || form.areaIds().isEmpty()) {
            return form(request, user, form, form.mediaId() == null ? "emergencyNoMedia" : "noArea").status(HttpStatus.BAD_REQUEST);
        }
        if (!"true".equals(fields.get("confirmed"))) {
            return confirmation(request, user, form);
        }
        long id = emergencies.start(user, form.toNew()).id();
        return HttpResponse.seeOther(URI.create("/ui/emergency/" + id));
    }

    /** From the confirmation back to the form, as it was filled. */
    @Post("/back")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> back(HttpRequest<?> request, Authentication auth, @Body Map<String, String> fields) {
        pages.requireForm(request, fields.get("_csrf"));
        return form(request, CurrentUser.of(auth), Request.parse(fields), null);
    }

    @Get("/{id}")
    HttpResponse<?> status(HttpRequest<?> request, Authentication auth, long id) {
        EmergencyStatus status = emergencies.status(CurrentUser.of(auth), id);
        String title = media.byIds(List.of(status.mediaId())).stream().map(MediaItem::title).findFirst().orElse("#" + status.mediaId());
        Map<String, Object> model = new HashMap<>(Map.of("status", status, "title", title,
                "startedAt", when(status.startedAt()), "validUntil", when(status.validUntil()),
                "mayStop", emergencies.mayStop(CurrentUser.of(auth), status)));
        if (status.stoppedAt() != null) {
            model.put("stoppedAt", when(status.stoppedAt()));
        }
        return pages.page(request, "emergency-status", model);
    }

    /** The per-device table alone, which the status page reloads every second (htmx). */
    @Get("/{id}/devices")
    HttpResponse<?> devices(HttpRequest<?> request, Authentication auth, long id) {
        return pages.page(request, "emergency-devices", Map.of("status", emergencies.status(CurrentUser.of(auth), id)));
    }

    @Post("/{id}/stop")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> stop(HttpRequest<?> request, Authentication auth, @Nullable String _csrf, long id) {
        pages.requireForm(request, _csrf);
        emergencies.stop(CurrentUser.of(auth), id);
        return HttpResponse.seeOther(URI.create("/ui/emergency/" + id));
    }

    private MutableHttpResponse<?> form(HttpRequest<?> request, CurrentUser user, Request form, @Nullable String error) {
        Map<String, Object> model = new HashMap<>(Map.of("form", form,
                "media", media.visibleList(user).stream().filter(m -> m.status() == MediaStatus.READY).toList(),
                "areas", pickable(user),
                "past", emergencies.latest(user, PAST_SHOWN).stream().map(e -> new Past(e.id(), e.title(), e.startedBy(),
                        when(e.startedAt()), when(e.validUntil()), e.stoppedBy(), e.stoppedAt() == null ? null : when(e.stoppedAt()))).toList()));
        if (error != null) {
            model.put("error", error);
        }
        return pages.page(request, "emergency", model);
    }

    /**
     * The areas the form offers: provinces and communes; a commune's officer also gets its villages (a province's
     * thousands of villages would bury the communes it means).
     */
    private List<Area> pickable(CurrentUser user) {
        boolean commune = areas.inOneCommune(user);
        return areas.visibleTree(user).stream().filter(a -> commune || a.kind() != AreaKind.VILLAGE).toList();
    }

    /** What the officer is about to cut into: the bulletin, the areas, how many devices, how often and how long. */
    private HttpResponse<?> confirmation(HttpRequest<?> request, CurrentUser user, Request form) {
        MediaItem item = media.visible(user, form.mediaId());
        List<Area> chosen = form.areaIds().stream().map(a -> areas.visible(user, a)).toList();
        long reached = chosen.stream().flatMap(a -> devices.inArea(a.id()).stream()).filter(d -> d.retiredAt() == null)
                .map(Device::id).distinct().count();
        return pages.page(request, "emergency-confirm", Map.of("form", form, "item", item, "chosen", chosen,
                "reached", reached));
    }

    private String when(Instant at) {
        return times.second(at);
    }

    /** A row of the past emergencies, its times as staff write them. */
    record Past(long id, String title, String startedBy, String startedAt, String validUntil, @Nullable String stoppedBy,
                @Nullable String stoppedAt) {
    }
}
