package communecast.app.device;

import communecast.app.area.Area;
import communecast.app.area.AreaKind;
import communecast.app.area.Areas;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import communecast.app.web.Pages;
import communecast.app.web.Pager;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Devices (register, enrollment code, status, retire), for staff; an LED's screenshot is the agent link's page. */
@Controller("/ui")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiDevicesController {
    private static final int PAGE_SIZE = 50;
    private final Devices devices;
    private final Areas areas;
    private final Pages pages;
    private final DeviceList list;

    UiDevicesController(Devices devices, Areas areas, Pages pages, DeviceList list) {
        this.list = list;
        this.devices = devices;
        this.areas = areas;
        this.pages = pages;
    }

    /**
     * The devices in use, a page at a time, narrowed by commune ({@code areaId}), name ({@code q}) and state;
     * {@code ?retired=true}: the retired ones. Without a commune, the counts per commune come first.
     */
    @Get("/devices")
    HttpResponse<?> devicesPage(HttpRequest<?> request, Authentication auth, @Nullable @QueryValue Boolean retired,
                                @Nullable @QueryValue Long areaId, @Nullable @QueryValue String q,
                                @Nullable @QueryValue DeviceState state, @Nullable @QueryValue Integer page) {
        DeviceFilter filter = new DeviceFilter(areaId, q, state, Boolean.TRUE.equals(retired));
        return pages.page(request, "devices", model(CurrentUser.of(auth), filter, page == null ? 0 : Math.max(0, page)));
    }

    /** A device's own address, which every page naming a device links to: the device list narrowed to it. */
    @Get("/devices/{id}")
    HttpResponse<?> device(Authentication auth, long id) {
        Device device = devices.visible(CurrentUser.of(auth), id);
        UriBuilder list = UriBuilder.of("/ui/devices").queryParam("areaId", device.areaId()).queryParam("q", device.name());
        return HttpResponse.seeOther(device.retiredAt() == null ? list.build() : list.queryParam("retired", true).build());
    }

    /** Ngừng sử dụng, after the page's confirmation. */
    @Post("/devices/{id}/retire")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> retire(HttpRequest<?> request, Authentication auth, long id, @Nullable String _csrf) {
        pages.requireForm(request, _csrf);
        CurrentUser user = CurrentUser.of(auth);
        try {
            devices.retire(user, id);
            return HttpResponse.seeOther(URI.create("/ui/devices"));
        } catch (ApiException e) {
            Map<String, Object> model = model(user);
            model.put("error", e.getMessage());
            return pages.page(request, "devices", model).status(e.status());
        }
    }

    /** Registers a device and shows its one-time enrollment code once, for the agent's first start. */
    @Post("/devices")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> register(HttpRequest<?> request, Authentication auth, @Nullable String _csrf, @Nullable String name,
                             @Nullable Long areaId, @Nullable DeviceKind kind, @Nullable Integer screenWidth, @Nullable Integer screenHeight) {
        pages.requireForm(request, _csrf);
        CurrentUser user = CurrentUser.of(auth);
        RegisteredDevice registered;
        try {
            registered = devices.register(user, new NewDevice(name, areaId, kind,
                    kind == DeviceKind.LED ? screenWidth : null, kind == DeviceKind.LED ? screenHeight : null));
        } catch (ApiException e) {
            Map<String, Object> model = model(user);
            model.put("error", e.getMessage());
            return pages.page(request, "devices", model).status(HttpStatus.BAD_REQUEST);
        }
        Map<String, Object> model = model(user);
        model.put("registered", registered);
        return pages.page(request, "devices", model);
    }

    private Map<String, Object> model(CurrentUser user) {
        return model(user, new DeviceFilter(null, null, null, false), 0);
    }

    private Map<String, Object> model(CurrentUser user, DeviceFilter filter, int page) {
        List<Area> tree = areas.visibleTree(user);
        DevicePage shown = list.page(user, filter, page, PAGE_SIZE);
        Map<String, Object> model = new HashMap<>(Map.of("devices", shown.devices(), "found", shown.total(),
                "retired", filter.retired(), "filter", filter, "states", DeviceState.values(), "areas", tree,
                "areaNames", tree.stream().collect(Collectors.toMap(Area::id, Area::name)),
                "communes", tree.stream().filter(a -> a.kind() != AreaKind.VILLAGE).toList(),
                "pager", Pager.numbered("/ui/devices", filters(filter), page, shown.more())));
        if (filter.areaId() == null && !filter.retired()) {
            model.put("perCommune", list.perCommune(user, null));
        }
        return model;
    }

    private static Map<String, Object> filters(DeviceFilter filter) {
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("retired", filter.retired() ? "true" : null);
        kept.put("areaId", filter.areaId());
        kept.put("q", filter.search());
        kept.put("state", filter.state());
        return kept;
    }
}
