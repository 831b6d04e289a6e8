package communecast.app.report;

import communecast.app.area.Areas;
import communecast.app.campaign.Campaign;
import communecast.app.campaign.Campaigns;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.playlog.PlayLog;
import communecast.app.playlog.Tally;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import io.micronaut.core.annotation.Nullable;
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

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

@Controller("/api/reports")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReportController {
    private final Campaigns campaigns;
    private final PlayLog playLog;
    private final Devices devices;
    private final Areas areas;

    ReportController(Campaigns campaigns, PlayLog playLog, Devices devices, Areas areas) {
        this.campaigns = campaigns;
        this.playLog = playLog;
        this.devices = devices;
        this.areas = areas;
    }

    @Get("/campaigns/{id}")
    HttpResponse<?> campaign(Authentication auth, long id, @Nullable @QueryValue("format") String requested) {
        CurrentUser user = CurrentUser.of(auth);
        Campaign campaign = campaigns.owned(user, id);
        List<Tally> tallies = playLog.tally(id);
        Map<Long, String> names = devices.resolveTargets(List.of(), tallies.stream().map(Tally::deviceId).distinct().toList())
                .stream().collect(Collectors.toMap(Device::id, Device::name));
        CampaignReport report = CampaignReport.of(id, campaign.title(), campaign.legalBasis(), campaign.startDate(),
                campaign.endDate(), tallies, names, playLog.shortfalls(id));
        String format = requested == null ? "json" : requested.toLowerCase(Locale.ROOT);
        if (format.equals("json")) {
            return HttpResponse.ok(report);
        }
        ReportSheet sheet = ReportSheet.of(report, unit(user, campaign));
        return switch (format) {
            case "csv" -> file(CampaignReportCsv.write(sheet), "text/csv; charset=utf-8", id, "csv");
            case "xlsx" -> file(CampaignReportXlsx.write(sheet), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", id, "xlsx");
            case "pdf" -> file(CampaignReportPdf.write(sheet), "application/pdf", id, "pdf");
            default -> throw ApiException.badRequest("UNSUPPORTED_FORMAT", "format must be json, csv, xlsx or pdf");
        };
    }

    /** The unit the report is from: the area that made the campaign. */
    private String unit(CurrentUser user, Campaign campaign) {
        return campaign.areaId() == null ? "CommuneCast" : areas.visible(user, campaign.areaId()).name();
    }

    private static HttpResponse<byte[]> file(byte[] body, String contentType, long id, String extension) {
        return HttpResponse.ok(body).contentType(new MediaType(contentType))
                .header("Content-Disposition", "attachment; filename=\"bao-cao-chien-dich-" + id + "." + extension + "\"");
    }
}
