package communecast.app.report;

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
import java.util.Map;
import java.util.stream.Collectors;

@Controller("/api/reports")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReportController {
    private final Campaigns campaigns;
    private final PlayLog playLog;
    private final Devices devices;

    ReportController(Campaigns campaigns, PlayLog playLog, Devices devices) {
        this.campaigns = campaigns;
        this.playLog = playLog;
        this.devices = devices;
    }

    @Get("/campaigns/{id}")
    HttpResponse<?> campaign(Authentication auth, long id, @Nullable @QueryValue String format) {
        Campaign campaign = campaigns.owned(CurrentUser.of(auth), id);
        List<Tally> tallies = playLog.tally(id);
        Map<Long, String> names = devices.resolveTargets(List.of(), tallies.stream().map(Tally::deviceId).distinct().toList())
                .stream().collect(Collectors.toMap(Device::id, Device::name));
        CampaignReport report = CampaignReport.of(id, campaign.title(), campaign.legalBasis(), campaign.startDate(),
                campaign.endDate(), tallies, names);
        return switch (format == null ? "json" : format.toLowerCase()) {
            case "json" -> HttpResponse.ok(report);
            case "csv" -> HttpResponse.ok(CampaignReportCsv.write(report))
                    .contentType(new MediaType("text/csv; charset=utf-8"))
                    .header("Content-Disposition", "attachment; filename=\"bao-cao-chien-dich-" + id + ".csv\"");
            default -> throw ApiException.badRequest("UNSUPPORTED_FORMAT", "format must be json or csv (xlsx and pdf are not available yet)");
        };
    }
}
