package communecast.app.ui;

import communecast.app.agentlink.CommandController;
import communecast.app.agentlink.DeviceCommand;
import communecast.app.agentlink.DeviceCommands;
import communecast.app.area.Areas;
import communecast.app.device.DeviceController;
import communecast.app.device.DeviceKind;
import communecast.app.device.Devices;
import communecast.app.playlog.BroadcastLog;
import communecast.app.playlog.BroadcastLogQuery;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import communecast.app.web.DateBounds;
import communecast.app.web.LocalTimes;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/** Devices (register, enrollment code, status, an LED's screenshot, retire) and the broadcast logs, for staff. */
@Controller("/ui")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiDevicesController {
    private static final int LOG_ROWS = 100;

    private final Devices devices;
    private final Areas areas;
    private final DeviceCommands commands;
    private final BroadcastLogQuery logs;
    private final UiPages pages;
    private final ZoneId zone;
    private final LocalTimes times;

    UiDevicesController(Devices devices, Areas areas, DeviceCommands commands, BroadcastLogQuery logs, UiPages pages, ZoneId zone, LocalTimes times) {
        this.devices = devices;
        this.areas = areas;
        this.commands = commands;
        this.logs = logs;
        this.pages = pages;
        this.zone = zone;
        this.times = times;
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

    /** Newest first, a page at a time; {@code from} and {@code to} are local days (both included) from the page's date pickers. */
    @Get("/logs")
    HttpResponse<?> logsPage(HttpRequest<?> request, @Nullable Authentication auth, @Nullable @QueryValue Long campaignId,
                             @Nullable @QueryValue Long deviceId, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                             @Nullable @QueryValue Integer page) {
        if (auth == null) {
            return UiPages.toLogin();
        }
        CurrentUser user = CurrentUser.of(auth);
        LocalDate fromDay = DateBounds.parseDay("from", from);
        LocalDate toDay = DateBounds.parseDay("to", to);
        int number = page == null ? 0 : Math.clamp(page, 0, 1_000_000);
        // One row more than shown tells whether there is an older page.
        List<BroadcastLog> found = logs.find(user, new BroadcastLogQuery.Filter(campaignId, deviceId,
                fromDay == null ? null : fromDay.atStartOfDay(zone).toInstant(),
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toInstant(), LOG_ROWS + 1, number * LOG_ROWS, true));
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("campaignId", campaignId);
        filters.put("deviceId", deviceId);
        filters.put("from", fromDay);
        filters.put("to", toDay);
        Map<String, Object> model = new HashMap<>(Map.of("user", user,
                "logs", found.stream().limit(LOG_ROWS).map(l -> new LogRow(l, when(l.scheduledAt()), when(l.startedAt()))).toList(),
                "pager", Pager.numbered("/ui/logs", filters, number, found.size() > LOG_ROWS)));
        filters.forEach((name, value) -> model.put(name, value == null ? "" : value));
        return pages.page(request, "logs", model);
    }

    /** A log as the page shows it: its times in the configured zone, to the second. */
    record LogRow(BroadcastLog log, String scheduled, String started) {
    }

    private String when(Instant at) {
        return times.second(at);
    }

    private Map<String, Object> model(CurrentUser user) {
        return model(user, false);
    }

    private Map<String, Object> model(CurrentUser user, boolean retired) {
        return new HashMap<>(Map.of("user", user, "devices", devices.listed(user, null, retired), "retired", retired,
                "areas", areas.visibleTree(user)));
    }
}
