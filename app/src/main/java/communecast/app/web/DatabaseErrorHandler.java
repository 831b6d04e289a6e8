package communecast.app.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.DataTruncation;
import java.sql.SQLDataException;
import java.sql.SQLIntegrityConstraintViolationException;

/**
 * The database's own refusals that a caller caused (a value longer than its column, two requests racing
 * for one unique name) are 400 and 409, not 500. Validation should catch them first; this is the net.
 */
@Produces
@Singleton
@Requires(classes = {JdbiException.class, ExceptionHandler.class})
final class DatabaseErrorHandler implements ExceptionHandler<JdbiException, HttpResponse<ApiError>> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseErrorHandler.class);

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, JdbiException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLIntegrityConstraintViolationException) {
                return error(HttpStatus.CONFLICT, "CONFLICT", "this conflicts with existing data (a duplicate name or code, or a reference to something missing)");
            }
            if (cause instanceof SQLDataException || cause instanceof DataTruncation) {
                return error(HttpStatus.BAD_REQUEST, "BAD_VALUE", "a value is too long or out of range");
            }
        }
        LOG.error("Database error on {} {}", request.getMethod(), request.getPath(), exception);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "The server could not complete the request; the error is logged.");
    }

    private static HttpResponse<ApiError> error(HttpStatus status, String code, String message) {
        return HttpResponse.<ApiError>status(status).body(new ApiError(code, message));
    }
}
