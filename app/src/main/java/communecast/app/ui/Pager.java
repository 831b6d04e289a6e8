package communecast.app.ui;

import communecast.app.campaign.Campaigns;
import io.micronaut.http.uri.UriBuilder;

import java.util.Map;

/**
 * The "Cũ hơn / Mới hơn" links under a paged list: the page's own address with its filters kept and the
 * position moved; null where there is nothing that way.
 */
record Pager(String older, String newer) {

    /** A list of campaigns, paged by id (before / after). */
    static Pager of(String path, Campaigns.Page page) {
        return new Pager(page.older() == null ? null : UriBuilder.of(path).queryParam("before", page.older()).build().toString(),
                page.newer() == null ? null : UriBuilder.of(path).queryParam("after", page.newer()).build().toString());
    }

    /** A list paged by number ({@code page} from 0), with the filters that made it ({@code filters}: empty values left out). */
    static Pager numbered(String path, Map<String, Object> filters, int page, boolean more) {
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
