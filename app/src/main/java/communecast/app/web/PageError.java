package communecast.app.web;

/** A service's refusal as a page shows it: a heading in the page's language by code, the service's own words below. */
public record PageError(String code, String message) {
    public static PageError of(ApiException e) {
        return new PageError(e.code(), e.getMessage());
    }
}
