package communecast.app.agentlink;

import communecast.app.device.DeviceTokenAuthentication;
import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** Staff send a device a command and read its answer; the device uploads the screenshot it was asked for. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class CommandController {
    private final DeviceCommands commands;

    CommandController(DeviceCommands commands) {
        this.commands = commands;
    }

    @Post("/api/devices/{id}/commands")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<DeviceCommand> send(Authentication auth, long id, @Body NewCommand request) {
        return HttpResponse.accepted().body(commands.send(CurrentUser.of(auth), id, request));
    }

    @Get("/api/devices/{id}/commands/{commandId}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    DeviceCommand get(Authentication auth, long id, long commandId) {
        return commands.find(CurrentUser.of(auth), id, commandId);
    }

    @Get(value = "/api/devices/{id}/commands/{commandId}/screenshot", produces = MediaType.IMAGE_PNG)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    SystemFile screenshot(Authentication auth, long id, long commandId) {
        return new SystemFile(commands.screenshotOf(CurrentUser.of(auth), id, commandId).toFile(), MediaType.IMAGE_PNG_TYPE);
    }

    @Put("/agent/commands/{commandId}/screenshot")
    @Consumes(MediaType.IMAGE_PNG)
    @Secured(Role.AGENT)
    HttpResponse<Void> upload(Authentication auth, long commandId, @Body byte[] png) {
        commands.storeScreenshot(DeviceTokenAuthentication.deviceId(auth), commandId, png);
        return HttpResponse.noContent();
    }
}
