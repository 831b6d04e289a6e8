package communecast.app.report;

import communecast.app.security.CurrentUser;
import communecast.app.web.LocalTimes;
import communecast.app.web.ApiException;
import communecast.app.web.Attachment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Function;

/** Báo cáo: a campaign's, and an area's over a period; as JSON or as a file (CSV, XLSX, PDF) to attach to a letter. */
@Controller("/api/reports")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReportController {
    private final Reports reports;
    private final Clock clock;
    private final LocalTimes times;

    ReportController(Reports reports, Clock clock, LocalTimes times) {
        this.reports = reports;
        this.clock = clock;
        this.times = times;
    }

    @Get("/campaigns/{id}")
    HttpResponse<?> campaign(Authentication auth, long id, @Nullable @QueryValue("format") String format,
                             @Nullable @QueryValue("lang") String lang) {
        Format as = Format.of(format);
        Label.Lang in = Label.Lang.of(lang);
        CampaignReport report = reports.campaign(CurrentUser.of(auth), id);
        return respond(as, report, r -> ReportSheet.of(r, in, LocalDate.now(clock), times), "bao-cao-chien-dich-" + id);
    }

    /** Every campaign on the area's devices from {@code from} to {@code to} (YYYY-MM-DD, inclusive, at most a year). */
    @Get("/areas/{areaId}")
    HttpResponse<?> area(Authentication auth, long areaId, @Nullable @QueryValue("from") String from,
                         @Nullable @QueryValue("to") String to, @Nullable @QueryValue("format") String format,
                         @Nullable @QueryValue("lang") String lang) {
        Format as = Format.of(format);
        Label.Lang in = Label.Lang.of(lang);
        Period period = Period.parse(from, to);
        AreaReport report = reports.area(CurrentUser.of(auth), areaId, period);
        return respond(as, report, r -> ReportSheet.of(r, in, LocalDate.now(clock)),
                "bao-cao-khu-vuc-" + areaId + "-" + period.from() + "-" + period.to());
    }

    private static <R> HttpResponse<?> respond(Format format, R report, Function<R, ReportSheet> sheet, String fileName) {
        return switch (format) {
            case JSON -> HttpResponse.ok(report);
            case CSV -> file(ReportCsv.write(sheet.apply(report)), format, fileName);
            case XLSX -> file(ReportXlsx.write(sheet.apply(report)), format, fileName);
            case PDF -> file(ReportPdf.write(sheet.apply(report)), format, fileName);
        };
    }

    private static HttpResponse<byte[]> file(byte[] body, Format format, String fileName) {
        return HttpResponse.ok(body).contentType(new MediaType(format.contentType))
                .header(HttpHeaders.CONTENT_DISPOSITION, Attachment.contentDisposition(fileName + "." + format.name().toLowerCase(Locale.ROOT)));
    }

    private enum Format {
        JSON("application/json"),
        CSV("text/csv; charset=utf-8"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        PDF("application/pdf");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        static Format of(String requested) {
            if (requested == null) {
                return JSON;
            }
            try {
                return valueOf(requested.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("UNSUPPORTED_FORMAT", "format must be json, csv, xlsx or pdf");
            }
        }
    }
}
