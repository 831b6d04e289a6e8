package communecast.app.web;

import io.micronaut.http.HttpStatus;

import java.time.Duration;
import java.util.Optional;

/** A failure the caller caused or may act on; becomes a 4xx {@link ApiError}. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    private ApiException(HttpStatus status, String code, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** 503 with Retry-After: the server is fine but has no room for this now. */
    public static ApiException busy(String code, String message, Duration retryAfter) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, code, message, retryAfter);
    }

    /** 429 with Retry-After: this caller has tried too often; the wait is theirs, not the server's. */
    public static ApiException tooMany(String code, String message, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, code, message, retryAfter);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", what + " " + id + " does not exist");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** When the caller may try again; empty when waiting would not help. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
