package communecast.app.playlog;

import communecast.app.area.Area;
import communecast.app.area.AreaKind;
import communecast.app.area.Areas;
import communecast.app.campaign.Campaign;
import communecast.app.campaign.Campaigns;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import communecast.app.web.Attachment;
import communecast.app.web.Csv;
import communecast.app.web.DateBounds;
import communecast.app.web.LocalTimes;
import communecast.app.web.Xlsx;
import communecast.app.web.Link;
import communecast.app.web.Messages;
import communecast.app.web.Pages;
import communecast.app.web.BrowserSession;
import communecast.app.web.Pager;
import communecast.app.web.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Nhật ký phát sóng: newest first, a page at a time, filtered with pickers (campaign, commune, device, status) and
 * local days from–to; each row names the campaign, the device and its commune, the status and reason in words.
 */
@Controller("/ui/logs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiLogsController {
    private static final int ROWS = 100;
    /** The campaign picker offers the newest this many the user sees (and the one chosen). */
    private static final int PICKABLE_CAMPAIGNS = 100;
    /** The most logs one export holds (the API's own limit); a longer period is exported in parts. */
    private static final int EXPORTED = 10_000;
    private static final MediaType XLSX = new MediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final BroadcastLogQuery logs;
    private final Campaigns campaigns;
    private final Devices devices;
    private final Areas areas;
    private final Pages pages;
    private final BrowserSession session;
    private final LocalTimes times;
    private final ZoneId zone;

    UiLogsController(BroadcastLogQuery logs, Campaigns campaigns, Devices devices, Areas areas, Pages pages, BrowserSession session,
                     LocalTimes times, ZoneId zone) {
        this.logs = logs;
        this.campaigns = campaigns;
        this.devices = devices;
        this.areas = areas;
        this.pages = pages;
        this.session = session;
        this.times = times;
        this.zone = zone;
    }

    /** A log as the page shows it: names, local times to the second, the reason in the page's language. */
    record Row(BroadcastLog log, Link campaign, Link device, @Nullable Link commune, String scheduled, String started, @Nullable String reason) {
    }

    @Get
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth, @Nullable @QueryValue Long campaignId,
                         @Nullable @QueryValue Long areaId, @Nullable @QueryValue Long deviceId, @Nullable @QueryValue String status,
                         @Nullable @QueryValue String from, @Nullable @QueryValue String to, @Nullable @QueryValue Integer page) {
        CurrentUser user = CurrentUser.of(auth);
        Filters filters = Filters.parse(campaignId, areaId, deviceId, status, from, to);
        int number = page == null ? 0 : Math.clamp(page, 0, 1_000_000);
        // One row more than shown tells whether there is an older page.
        List<BroadcastLog> found = logs.find(user, filters.query(zone, ROWS + 1, number * ROWS));
        Map<String, Object> model = new HashMap<>(Map.of("logs", rows(found.stream().limit(ROWS).toList(), "vi".equals(session.language(request))),
                "pager", Pager.numbered("/ui/logs", filters.asQuery(), number, found.size() > ROWS), "statuses", List.of(LogStatus.values()),
                "campaignChoices", campaignChoices(user, campaignId),
                "areaChoices", areas.visibleTree(user).stream().filter(a -> a.kind() != AreaKind.VILLAGE).toList(),
                "deviceChoices", areaId == null ? List.of() : devices.visibleIn(user, areaId),
                "exportCsv", exportLink(filters, "csv"), "exportXlsx", exportLink(filters, "xlsx")));
        filters.asQuery().forEach((name, value) -> model.put(name, value == null ? "" : value instanceof LocalDate day ? DateBounds.written(day) : value.toString()));
        return pages.page(request, "logs", model);
    }

    /**
     * The filtered logs, newest first, at most {@link #EXPORTED} of them, as CSV or an Excel workbook ({@code format}:
     * csv or xlsx), with names, local times and words as on the page.
     */
    @Get("/export.{format}")
    HttpResponse<?> export(HttpRequest<?> request, Authentication auth, String format, @Nullable @QueryValue Long campaignId,
                           @Nullable @QueryValue Long areaId, @Nullable @QueryValue Long deviceId, @Nullable @QueryValue String status,
                           @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        if (!format.equals("csv") && !format.equals("xlsx")) {
            return HttpResponse.notFound();
        }
        String language = session.language(request);
        Map<String, String> t = Texts.of(language);
        Filters filters = Filters.parse(campaignId, areaId, deviceId, status, from, to);
        String[] header = {t.get("campaigns"), t.get("device"), t.get("commune"), t.get("scheduled"), t.get("started"), t.get("status"),
                t.get("reason")};
        List<Object[]> lines = rows(logs.find(CurrentUser.of(auth), filters.query(zone, EXPORTED, 0)), "vi".equals(language)).stream()
                .map(r -> new Object[]{r.campaign().text(), r.device().text(), r.commune() == null ? "" : r.commune().text(), r.scheduled(), r.started(),
                        t.get("log." + r.log().status().name()), r.reason()})
                .toList();
        if (format.equals("xlsx")) {
            Xlsx xlsx = new Xlsx(t.get("logs"), header);
            lines.forEach(xlsx::row);
            return HttpResponse.ok(xlsx.bytes()).contentType(XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, Attachment.contentDisposition("nhat-ky-phat-song.xlsx"));
        }
        Csv csv = new Csv().row((Object[]) header);
        lines.forEach(csv::row);
        return HttpResponse.ok(csv.bytes()).contentType(new MediaType("text/csv; charset=utf-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, Attachment.contentDisposition("nhat-ky-phat-song.csv"));
    }

    private static String exportLink(Filters filters, String format) {
        UriBuilder uri = UriBuilder.of("/ui/logs/export." + format);
        filters.asQuery().forEach((name, value) -> {
            if (value != null) {
                uri.queryParam(name, value);
            }
        });
        return uri.build().toString();
    }

    /** What the form filters by; the page's links and the export carry the same. */
    private record Filters(Long campaignId, Long areaId, Long deviceId, LogStatus status, LocalDate from, LocalDate to) {
        /** The query's values as typed: days as 20/03/2026 (or ISO, in the page's own links), a status by its name. */
        static Filters parse(Long campaignId, Long areaId, Long deviceId, String status, String from, String to) {
            return new Filters(campaignId, areaId, deviceId, UiLogsController.status(status), DateBounds.parseDay("from", from), DateBounds.parseDay("to", to));
        }

        BroadcastLogQuery.Filter query(ZoneId zone, int limit, int offset) {
            return new BroadcastLogQuery.Filter(campaignId, areaId, deviceId, status, from == null ? null : from.atStartOfDay(zone).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), limit, offset, true);
        }

        Map<String, Object> asQuery() {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("campaignId", campaignId);
            query.put("areaId", areaId);
            query.put("deviceId", deviceId);
            query.put("status", status);
            query.put("from", from);
            query.put("to", to);
            return query;
        }
    }

    private List<Row> rows(List<BroadcastLog> shown, boolean vietnamese) {
        Set<Long> campaignIds = shown.stream().map(BroadcastLog::campaignId).collect(Collectors.toSet());
        Map<Long, String> titles = campaigns.headings(campaignIds).stream().collect(Collectors.toMap(Campaign.Heading::id, Campaign.Heading::title));
        Map<Long, Device> device = devices.byIds(shown.stream().map(BroadcastLog::deviceId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(Device::id, Function.identity()));
        Map<Long, Area> communes = areas.communesOf(device.values().stream().map(Device::areaId).collect(Collectors.toSet()));
        List<Row> rows = new ArrayList<>();
        for (BroadcastLog l : shown) {
            Device d = device.get(l.deviceId());
            Area commune = d == null ? null : communes.get(d.areaId());
            rows.add(new Row(l, Link.campaign(l.campaignId(), titles.getOrDefault(l.campaignId(), "#" + l.campaignId())),
                    Link.device(l.deviceId(), d == null ? "#" + l.deviceId() : d.name()),
                    commune == null ? null : Link.area(commune.id(), commune.name()), times.second(l.scheduledAt()), times.second(l.startedAt()),
                    new Messages.Speaker(vietnamese, times).text(l.reason())));
        }
        return rows;
    }

    /** The newest campaigns the user sees, and the one chosen if it is older. */
    private List<Campaign> campaignChoices(CurrentUser user, @Nullable Long chosen) {
        List<Campaign> choices = new ArrayList<>(campaigns.visiblePage(user, Campaigns.Listing.ALL, null, null, PICKABLE_CAMPAIGNS).campaigns());
        if (chosen != null && choices.stream().noneMatch(c -> c.id() == chosen)) {
            choices.add(campaigns.visible(user, chosen));
        }
        return choices;
    }

    private static LogStatus status(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LogStatus.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("BAD_STATUS", "no broadcast log status " + value);
        }
    }
}
