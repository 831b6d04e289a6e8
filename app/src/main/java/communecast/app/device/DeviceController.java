package communecast.app.device;

import communecast.app.security.CurrentUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;

@Controller("/api/devices")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public final class DeviceController {
    private final Devices devices;

    DeviceController(Devices devices) {
        this.devices = devices;
    }

    @Post
    HttpResponse<RegisteredDevice> register(Authentication auth, @Body NewDevice request) {
        return HttpResponse.created(devices.register(CurrentUser.of(auth), request));
    }

    @Get("/{id}")
    Device get(Authentication auth, long id) {
        return devices.visible(CurrentUser.of(auth), id);
    }

    /** When the device came online and went offline, newest first. */
    @Get("/{id}/events")
    List<DeviceEvent> events(Authentication auth, long id) {
        return devices.events(CurrentUser.of(auth), id);
    }

    /** The devices in use; {@code ?retired=true}: the retired ones instead. */
    @Get
    List<Device> list(Authentication auth, @Nullable @QueryValue Long areaId, @Nullable @QueryValue Boolean retired) {
        return devices.listed(CurrentUser.of(auth), areaId, Boolean.TRUE.equals(retired));
    }

    /** Ngừng sử dụng: the token stops working and plays still ahead are withdrawn; the history stays. */
    @Post("/{id}/retire")
    Device retire(Authentication auth, long id) {
        return devices.retire(CurrentUser.of(auth), id);
    }

    /** A new one-time code for a replaced or re-installed PC; the old token stops working. */
    @Post("/{id}/enrollment-code")
    RegisteredDevice reissue(Authentication auth, long id) {
        return devices.reissueCode(CurrentUser.of(auth), id);
    }
}
