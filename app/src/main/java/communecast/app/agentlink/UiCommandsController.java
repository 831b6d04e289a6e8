package communecast.app.agentlink;

import communecast.app.device.Devices;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import communecast.app.web.PageError;
import communecast.app.web.Pages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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
import java.util.Map;

/** A command sent to a device from its row on the devices page (an LED's screenshot) and its answer, for staff. */
@Controller("/ui/devices/{id}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiCommandsController {
    private final DeviceCommands commands;
    private final Devices devices;
    private final Pages pages;

    UiCommandsController(DeviceCommands commands, Devices devices, Pages pages) {
        this.commands = commands;
        this.devices = devices;
        this.pages = pages;
    }

    @Post("/screenshot")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> screenshot(HttpRequest<?> request, Authentication auth, long id, @Nullable String _csrf) {
        pages.requireForm(request, _csrf);
        CurrentUser user = CurrentUser.of(auth);
        try {
            DeviceCommand command = commands.send(user, id, new NewCommand("SCREENSHOT", null));
            return HttpResponse.seeOther(URI.create("/ui/devices/" + id + "/commands/" + command.id()));
        } catch (ApiException e) {
            // The device's name when the user may see it; a device they may not see is refused as before.
            return pages.page(request, "command", Map.of("device", devices.visible(user, id), "error", PageError.of(e)))
                    .status(e.status());
        }
    }

    @Get("/commands/{commandId}")
    HttpResponse<?> command(HttpRequest<?> request, Authentication auth, long id, long commandId) {
        CurrentUser user = CurrentUser.of(auth);
        return pages.page(request, "command", Map.of("device", devices.visible(user, id),
                "command", commands.find(user, id, commandId)));
    }
}
