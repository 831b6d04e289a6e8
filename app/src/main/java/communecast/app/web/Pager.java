package communecast.app.web;

import io.micronaut.http.uri.UriBuilder;

import java.util.Map;

/**
 * The "Cũ hơn / Mới hơn" links under a paged list: the page's own address with its filters kept and the
 * position moved; null where there is nothing that way.
 */
public record Pager(String older, String newer) {

    /** A list paged by id: {@code older} the id to list before, {@code newer} the id to list after (null: none). */
    public static Pager byId(String path, Long older, Long newer) {
        return new Pager(older == null ? null : UriBuilder.of(path).queryParam("before", older).build().toString(),
                newer == null ? null : UriBuilder.of(path).queryParam("after", newer).build().toString());
    }

    /** A list paged by number ({@code page} from 0), with the filters that made it ({@code filters}: empty values left out). */
    public static Pager numbered(String path, Map<String, Object> filters, int page, boolean more) {
        return new Pager(more ? numbered(path, filters, page + 1) : null, page > 0 ? numbered(path, filters, page - 1) : null);
    }

    private static String numbered(String path, Map<String, Object> filters, int page) {
        UriBuilder uri = UriBuilder.of(path);
        filters.forEach((name, value) -> {
            if (value != null && !value.toString().isEmpty()) {
                uri.queryParam(name, value);
            }
        });
        return (page == 0 ? uri : uri.queryParam("page", page)).build().toString();
    }
}
