package communecast.app.device;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

/** Protocol v1 enrollment (docs/protocol.md): a one-time code buys a device token. */
@Controller("/agent/enroll")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class EnrollmentController {
    private final Devices devices;

    EnrollmentController(Devices devices) {
        this.devices = devices;
    }

    @Post
    Enrolled enroll(@Body EnrollRequest request) {
        return devices.enroll(request.code(), request.agentVersion());
    }

    @Serdeable
    record EnrollRequest(int v, String code, String agentVersion) {
    }

    @Serdeable
    record Enrolled(int v, long deviceId, String token) {
    }
}
