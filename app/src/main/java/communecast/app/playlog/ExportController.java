package communecast.app.playlog;

import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import communecast.app.web.Attachment;
import communecast.app.web.Csv;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** Broadcast results for other systems (docs/integration.md): JSON {plays, next}, or CSV with the next page in a Link header. */
@Controller("/api/exports/broadcasts")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ExportController {
    private final BroadcastExport export;

    ExportController(BroadcastExport export) {
        this.export = export;
    }

    @Get
    MutableHttpResponse<?> page(HttpRequest<?> request, Authentication auth, @Nullable @QueryValue Long areaId, @Nullable @QueryValue String from,
                                @Nullable @QueryValue String to, @Nullable @QueryValue String format, @Nullable @QueryValue String after,
                                @Nullable @QueryValue Integer limit) {
        String as = format == null ? "json" : format;
        if (!as.equals("json") && !as.equals("csv")) {
            throw ApiException.badRequest("BAD_FORMAT", "format is json or csv, not '" + format + "'");
        }
        ExportedPlay.Page page = export.page(CurrentUser.of(auth), areaId, from, to, after, limit);
        if (as.equals("json")) {
            return HttpResponse.ok(page);
        }
        Csv csv = new Csv().row((Object[]) ExportedPlay.HEADER);
        page.plays().forEach(play -> csv.row(play.cells()));
        MutableHttpResponse<byte[]> response = HttpResponse.ok(csv.bytes()).contentType(new MediaType("text/csv; charset=utf-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, Attachment.contentDisposition("ket-qua-phat-song.csv"));
        if (page.next() != null) {
            String next = UriBuilder.of(request.getUri()).replaceQueryParam("after", page.next()).build().toString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response;
    }
}
