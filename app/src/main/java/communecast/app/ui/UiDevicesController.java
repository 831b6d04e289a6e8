package communecast.app.ui;

import communecast.app.agentlink.CommandController;
import communecast.app.agentlink.DeviceCommand;
import communecast.app.agentlink.DeviceCommands;
import communecast.app.area.Areas;
import communecast.app.device.DeviceController;
import communecast.app.device.DeviceKind;
import communecast.app.device.Devices;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/** Devices (register, enrollment code, status, an LED's screenshot, retire), for staff. */
@Controller("/ui")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiDevicesController {
    private final Devices devices;
    private final Areas areas;
    private final DeviceCommands commands;
    private final UiPages pages;

    UiDevicesController(Devices devices, Areas areas, DeviceCommands commands, UiPages pages) {
        this.devices = devices;
        this.areas = areas;
        this.commands = commands;
        this.pages = pages;
    }

    /** The devices in use; {@code ?retired=true}: the retired ones. */
    @Get("/devices")
    HttpResponse<?> devicesPage(HttpRequest<?> request, @Nullable Authentication auth, @Nullable @QueryValue Boolean retired) {
        return auth == null ? UiPages.toLogin() : pages.page(request, "devices", model(CurrentUser.of(auth), Boolean.TRUE.equals(retired)));
    }

    /** Ngừng sử dụng, after the page's confirmation. */
    @Post("/devices/{id}/retire")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> retire(HttpRequest<?> request, @Nullable Authentication auth, long id, @Nullable String _csrf) {
        if (auth == null) {
            return UiPages.toLogin();
        }
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
    HttpResponse<?> register(HttpRequest<?> request, @Nullable Authentication auth, @Nullable String _csrf, @Nullable String name,
                             @Nullable Long areaId, @Nullable DeviceKind kind, @Nullable Integer screenWidth, @Nullable Integer screenHeight) {
        if (auth == null) {
            return UiPages.toLogin();
        }
        pages.requireForm(request, _csrf);
        CurrentUser user = CurrentUser.of(auth);
        DeviceController.Registered registered;
        try {
            registered = devices.register(user, new DeviceController.NewDevice(name, areaId, kind,
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

    @Post("/devices/{id}/screenshot")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> screenshot(HttpRequest<?> request, @Nullable Authentication auth, long id, @Nullable String _csrf) {
        if (auth == null) {
            return UiPages.toLogin();
        }
        pages.requireForm(request, _csrf);
        CurrentUser user = CurrentUser.of(auth);
        try {
            DeviceCommand command = commands.send(user, id, new CommandController.NewCommand("SCREENSHOT", null));
            return HttpResponse.seeOther(URI.create("/ui/devices/" + id + "/commands/" + command.id()));
        } catch (ApiException e) {
            Map<String, Object> model = model(user);
            model.put("error", e.getMessage());
            return pages.page(request, "devices", model).status(e.status());
        }
    }

    @Get("/devices/{id}/commands/{commandId}")
    HttpResponse<?> command(HttpRequest<?> request, @Nullable Authentication auth, long id, long commandId) {
        if (auth == null) {
            return UiPages.toLogin();
        }
        CurrentUser user = CurrentUser.of(auth);
        return pages.page(request, "command", Map.of("user", user, "device", devices.visible(user, id),
                "command", commands.find(user, id, commandId)));
    }

    private Map<String, Object> model(CurrentUser user) {
        return model(user, false);
    }

    private Map<String, Object> model(CurrentUser user, boolean retired) {
        return new HashMap<>(Map.of("user", user, "devices", devices.listed(user, null, retired), "retired", retired,
                "areas", areas.visibleTree(user)));
    }
}
