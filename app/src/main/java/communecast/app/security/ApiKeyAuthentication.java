package communecast.app.security;

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

import java.util.concurrent.ExecutorService;

/** {@code Authorization: Bearer cck_…} → the key's principal; a login token (a JWT) is left to Micronaut's own reader. */
@Singleton
final class ApiKeyAuthentication implements AuthenticationFetcher<HttpRequest<?>> {
    private static final String SCHEME = "Bearer ";

    private final ApiKeys keys;
    private final ExecutorService blocking;

    ApiKeyAuthentication(ApiKeys keys, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.keys = keys;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Publishers.empty();
        }
        String token = header.substring(SCHEME.length()).strip();
        if (!ApiKeys.looksLikeKey(token)) {
            return Publishers.empty();
        }
        // A database lookup: off the event loop.
        return Mono.fromCallable(() -> keys.authenticate(token).orElse(null)).subscribeOn(Schedulers.fromExecutorService(blocking));
    }
}
