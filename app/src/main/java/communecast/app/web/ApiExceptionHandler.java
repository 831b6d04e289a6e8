package communecast.app.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A refusal as the API's {code, message}; in the office pages, as a page in the user's language. */
@Produces
@Singleton
@Requires(classes = {ApiException.class, ExceptionHandler.class})
final class ApiExceptionHandler implements ExceptionHandler<ApiException, MutableHttpResponse<?>> {
    private final Pages pages;

    ApiExceptionHandler(Pages pages) {
        this.pages = pages;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, ApiException exception) {
        String path = request.getPath();
        MutableHttpResponse<?> response = path.equals("/ui") || path.startsWith("/ui/") ? pages.refusal(request, exception)
                : HttpResponse.status(exception.status()).body(new ApiError(exception.code(), exception.getMessage()));
        exception.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.toSeconds())));
        return response;
    }
}
