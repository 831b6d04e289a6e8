package communecast.app.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Every error the framework itself answers (bad JSON, unknown route, 401/403, 413...) in the API's
 * {code, message} shape. A server error never shows its cause to the caller.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
final class ApiErrorBodyProvider implements JsonErrorResponseBodyProvider<ApiError> {
    @Override
    public ApiError body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        if (status >= 500) {
            return new ApiError("INTERNAL_ERROR", "The server could not complete the request; the error is logged.");
        }
        String message = message(context, response);
        return new ApiError(codeFor(status), status == 400 ? ReadableErrors.of(message) : status == 413 ? ReadableErrors.tooLarge(message) : message);
    }

    private static String message(ErrorContext context, HttpResponse<?> response) {
        String joined = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        return joined.isBlank() ? response.reason() : joined;
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> "HTTP_" + status;
        };
    }
}
