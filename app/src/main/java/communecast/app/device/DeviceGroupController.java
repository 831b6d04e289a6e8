package communecast.app.device;

import communecast.app.security.CurrentUser;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;

@Controller("/api/device-groups")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeviceGroupController {
    private final DeviceGroups groups;

    DeviceGroupController(DeviceGroups groups) {
        this.groups = groups;
    }

    @Post
    HttpResponse<DeviceGroup> create(Authentication auth, @Body NewDeviceGroup request) {
        return HttpResponse.created(groups.create(CurrentUser.of(auth), request));
    }

    @Get
    List<DeviceGroup> list(Authentication auth) {
        return groups.visibleList(CurrentUser.of(auth));
    }

    @Get("/{id}")
    DeviceGroup get(Authentication auth, long id) {
        return groups.visible(CurrentUser.of(auth), id);
    }
}
