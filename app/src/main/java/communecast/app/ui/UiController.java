package communecast.app.ui;

import communecast.app.campaign.Campaigns;
import communecast.app.device.Device;
import communecast.app.device.DeviceFilter;
import communecast.app.device.DeviceList;
import communecast.app.device.DevicePage;
import communecast.app.device.DeviceState;
import communecast.app.device.Devices;
import communecast.app.playlog.PlayLog;
import communecast.app.security.CurrentUser;
import communecast.app.security.Login;
import communecast.app.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The staff's pages (server-rendered, Vietnamese first). Each action goes through the same services and
 * rules as the API, as the signed-in user; every form carries the anti-forgery token.
 */
@Controller("/ui")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UiController {
    /** The first devices in trouble the dashboard names; the rest are one link away. */
    private static final int TROUBLE_SHOWN = 20;

    private final Login login;
    private final UiSession session;
    private final Devices devices;
    private final DeviceList deviceList;
    private final Campaigns campaigns;
    private final UiPages pages;
    private final PlayLog playLog;
    private final Clock clock;
    private final ZoneId zone;

    UiController(Login login, UiSession session, Devices devices, DeviceList deviceList, Campaigns campaigns,
                 UiPages pages, PlayLog playLog, Clock clock, ZoneId zone) {
        this.deviceList = deviceList;
        this.login = login;
        this.session = session;
        this.devices = devices;
        this.campaigns = campaigns;
        this.pages = pages;
        this.playLog = playLog;
        this.clock = clock;
        this.zone = zone;
    }

    /** {@code next}: the page the browser asked for before it was sent here. */
    @Get("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> loginPage(HttpRequest<?> request, @Nullable @QueryValue String next) {
        return pages.page(request, "login", Map.of("next", UiPages.isOwnPage(next) ? next : "/ui"));
    }

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> login(HttpRequest<?> request, @Nullable String username, @Nullable String password, @Nullable String next) {
        String back = UiPages.isOwnPage(next) ? next : "/ui";
        try {
            String token = login.token(username, password);
            return HttpResponse.seeOther(URI.create(back)).cookie(session.tokenCookie(token));
        } catch (ApiException e) {
            return pages.page(request, "login", Map.of("error", true, "next", back)).status(HttpStatus.UNAUTHORIZED);
        }
    }

    @Post("/logout")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> logout(HttpRequest<?> request, @Nullable String _csrf) {
        pages.requireForm(request, _csrf);
        return HttpResponse.seeOther(URI.create("/ui/login")).cookie(session.expiredTokenCookie());
    }

    @Get("/language/{language}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> language(String language) {
        return HttpResponse.seeOther(URI.create("/ui"))
                .cookie(Cookie.of(UiSession.LANGUAGE_COOKIE, "en".equals(language) ? "en" : "vi").path("/"));
    }

    @Get
    HttpResponse<?> dashboard(HttpRequest<?> request, Authentication auth) {
        CurrentUser user = CurrentUser.of(auth);
        List<Long> ids = devices.listed(user, null, false).stream().map(Device::id).toList();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Dashboard figures = Dashboard.of(deviceList.perCommune(user, null), playLog.countsByStatus(ids,
                today.atStartOfDay(zone).toInstant(), today.plusDays(1).atStartOfDay(zone).toInstant()), playLog.onAir(ids));
        DevicePage trouble = deviceList.page(user, new DeviceFilter(null, null, DeviceState.TROUBLE, false), 0, TROUBLE_SHOWN);
        Map<String, String> t = Texts.of(session.language(request));
        List<String> alerts = new ArrayList<>(trouble.devices().stream().flatMap(d -> alertsOf(d, t).stream()).toList());
        if (figures.failedToday() > 0) {
            alerts.add(t.get("failedToday") + ": " + figures.failedToday());
        }
        return pages.page(request, "dashboard", Map.of("figures", figures, "alerts", alerts,
                "trouble", trouble.total(), "troubleShown", trouble.devices().size(), "awaiting", campaigns.countVisible(user, Campaigns.Listing.AWAITING_APPROVAL)));
    }

    private static List<String> alertsOf(Device d, Map<String, String> t) {
        List<String> alerts = new ArrayList<>();
        if (!d.online()) {
            alerts.add(d.name() + ": " + t.get("offline"));
        }
        if (d.deadAir()) {
            alerts.add(d.name() + ": " + t.get("deadAir") + " (" + d.silenceSeconds() + " s)");
        }
        if (!d.clockOk()) {
            alerts.add(d.name() + ": " + t.get("clockOff") + " (" + d.clockOffsetMs() + " ms)");
        }
        return alerts;
    }
}
