package communecast.app.device;

import communecast.app.security.Role;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** {@code Authorization: Device <token>} → a principal with role AGENT and the device's id. */
@Singleton
public final class DeviceTokenAuthentication implements AuthenticationFetcher<HttpRequest<?>> {
    static final String SCHEME = "Device ";
    private static final String DEVICE_ID = "deviceId";

    private final Devices devices;
    private final ExecutorService blocking;

    DeviceTokenAuthentication(Devices devices, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.devices = devices;
        this.blocking = blocking;
    }

    /** The device behind an AGENT principal. */
    public static long deviceId(Authentication authentication) {
        return ((Number) authentication.getAttributes().get(DEVICE_ID)).longValue();
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Publishers.empty();
        }
        String token = header.substring(SCHEME.length()).trim();
        // A database lookup: off the event loop.
        return Mono.fromCallable(() -> devices.authenticate(token)
                        .map(id -> Authentication.build("device:" + id, List.of(Role.AGENT), Map.of(DEVICE_ID, id)))
                        .orElse(null))
                .subscribeOn(Schedulers.fromExecutorService(blocking));
    }
}
