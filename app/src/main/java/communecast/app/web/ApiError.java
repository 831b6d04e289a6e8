package communecast.app.web;

import io.micronaut.serde.annotation.Serdeable;

/** The one error shape of the API: {"code": "...", "message": "..."}. */
@Serdeable
public record ApiError(String code, String message) {
}
