package communecast.app.ui;

import communecast.app.web.ApiException;

/** A service's refusal as a page shows it: a heading in the page's language by code, the service's own words below. */
public record UiError(String code, String message) {
    static UiError of(ApiException e) {
        return new UiError(e.code(), e.getMessage());
    }
}
