package communecast.app.device;

import communecast.app.web.ApiException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
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
    private final EnrollmentThrottle throttle;

    EnrollmentController(Devices devices, EnrollmentThrottle throttle) {
        this.devices = devices;
        this.throttle = throttle;
    }

    /** An address that keeps sending wrong codes is refused for a while (behind a proxy, the proxy's address). */
    @Post
    Enrollment enroll(HttpRequest<?> http, @Body EnrollRequest request) {
        String address = http.getRemoteAddress().getAddress().getHostAddress();
        throttle.check(address);
        try {
            return devices.enroll(request.code(), request.agentVersion());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.UNAUTHORIZED) {
                throttle.failed(address);
            }
            throw e;
        }
    }

    @Serdeable
    record EnrollRequest(int v, String code, String agentVersion) {
    }
}
