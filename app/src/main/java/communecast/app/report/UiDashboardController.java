package communecast.app.report;

import communecast.app.campaign.Campaigns;
import communecast.app.device.Device;
import communecast.app.device.DeviceFilter;
import communecast.app.device.DeviceList;
import communecast.app.device.DevicePage;
import communecast.app.device.DeviceState;
import communecast.app.playlog.PlayLog;
import communecast.app.security.CurrentUser;
import communecast.app.web.BrowserSession;
import communecast.app.web.Link;
import communecast.app.web.Pages;
import communecast.app.web.Texts;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tổng quan, the first page after login: devices per commune, today's plays against the plan, what is on air, the
 * devices in trouble and the campaigns awaiting approval, within the user's area.
 */
@Controller("/ui")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiDashboardController {
    /** The first devices in trouble the dashboard names; the rest are one link away. */
    private static final int TROUBLE_SHOWN = 20;

    private final BrowserSession session;
    private final DeviceList deviceList;
    private final Campaigns campaigns;
    private final Pages pages;
    private final PlayLog playLog;
    private final Clock clock;
    private final ZoneId zone;

    UiDashboardController(BrowserSession session, DeviceList deviceList, Campaigns campaigns,
                 Pages pages, PlayLog playLog, Clock clock, ZoneId zone) {
        this.deviceList = deviceList;
        this.session = session;
        this.campaigns = campaigns;
        this.pages = pages;
        this.playLog = playLog;
        this.clock = clock;
        this.zone = zone;
    }

    @Get
    HttpResponse<?> dashboard(HttpRequest<?> request, Authentication auth) {
        CurrentUser user = CurrentUser.of(auth);
        List<Long> ids = deviceList.idsInUse(user);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Dashboard figures = Dashboard.of(deviceList.perCommune(user, null), playLog.countsByStatus(ids,
                today.atStartOfDay(zone).toInstant(), today.plusDays(1).atStartOfDay(zone).toInstant()), playLog.onAir(ids));
        DevicePage trouble = deviceList.page(user, new DeviceFilter(null, null, DeviceState.TROUBLE, false), 0, TROUBLE_SHOWN);
        Map<String, String> t = Texts.of(session.language(request));
        List<Alert> alerts = new ArrayList<>(trouble.devices().stream().flatMap(d -> alertsOf(d, t).stream()).toList());
        if (figures.failedToday() > 0) {
            alerts.add(new Alert(new Link(t.get("failedToday"), "/ui/logs?status=FAILED"), String.valueOf(figures.failedToday())));
        }
        return pages.page(request, "dashboard", Map.of("figures", figures, "alerts", alerts,
                "trouble", trouble.total(), "troubleShown", trouble.devices().size(), "awaiting", campaigns.countVisible(user, Campaigns.Listing.AWAITING_APPROVAL)));
    }

    /** One line under Cảnh báo: what it is about (a link to its page) and what is wrong. */
    record Alert(Link subject, String problem) {
    }

    private static List<Alert> alertsOf(Device d, Map<String, String> t) {
        Link device = Link.device(d.id(), d.name());
        List<Alert> alerts = new ArrayList<>();
        if (!d.online()) {
            alerts.add(new Alert(device, t.get("offline")));
        }
        if (d.deadAir()) {
            alerts.add(new Alert(device, t.get("deadAir") + " (" + d.silenceSeconds() + " s)"));
        }
        if (!d.clockOk()) {
            alerts.add(new Alert(device, t.get("clockOff") + " (" + d.clockOffsetMs() + " ms)"));
        }
        return alerts;
    }
}
