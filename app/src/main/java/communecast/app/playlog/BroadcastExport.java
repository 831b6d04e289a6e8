package communecast.app.playlog;

import communecast.app.area.Area;
import communecast.app.area.Areas;
import communecast.app.campaign.Campaign;
import communecast.app.campaign.Campaigns;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import communecast.app.web.DateBounds;
import communecast.app.web.Messages;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /api/exports/broadcasts}: an area's plays over local days, one row per play with names and codes, for
 * the province's information-source system; paged by a cursor (the last play's time and id), so a year of a province
 * is read page after page without counting through it.
 */
@Singleton
public final class BroadcastExport {
    static final int MAX_DAYS = 366;

    private final BroadcastLogQuery logs;
    private final Devices devices;
    private final Campaigns campaigns;
    private final Areas areas;
    private final ZoneId zone;

    BroadcastExport(BroadcastLogQuery logs, Devices devices, Campaigns campaigns, Areas areas, ZoneId zone) {
        this.logs = logs;
        this.devices = devices;
        this.campaigns = campaigns;
        this.areas = areas;
        this.zone = zone;
    }

    public ExportedPlay.Page page(CurrentUser user, @Nullable Long areaId, @Nullable String from, @Nullable String to,
                                  @Nullable String after, @Nullable Integer limit) {
        LocalDate first = DateBounds.parseDay("from", from);
        LocalDate last = DateBounds.parseDay("to", to);
        if (areaId == null || first == null || last == null) {
            throw ApiException.badRequest("MISSING_FIELD", "areaId, from and to are required (days like 2026-03-20 or 20/03/2026)");
        }
        if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw ApiException.badRequest("BAD_DATES", "from–to is 1 to " + MAX_DAYS + " days, to not before from");
        }
        int size = limit == null ? BroadcastLogQuery.DEFAULT_LIMIT : limit;
        List<BroadcastLog> found = logs.find(user, new BroadcastLogQuery.Filter(null, areaId, null, null, first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant(), size, 0, false, after == null ? null : BroadcastLogQuery.Cursor.parse(after)));
        String next = found.size() < size ? null : BroadcastLogQuery.Cursor.of(found.getLast()).toString();
        return new ExportedPlay.Page(rows(found), next);
    }

    private List<ExportedPlay> rows(List<BroadcastLog> found) {
        Map<Long, Campaign.Heading> headings = campaigns.headings(found.stream().map(BroadcastLog::campaignId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(Campaign.Heading::id, Function.identity()));
        Map<Long, Device> device = devices.byIds(found.stream().map(BroadcastLog::deviceId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(Device::id, Function.identity()));
        Set<Long> deviceAreas = device.values().stream().map(Device::areaId).collect(Collectors.toSet());
        Map<Long, Area> communes = areas.communesOf(deviceAreas);
        return found.stream().map(l -> {
            Device d = device.get(l.deviceId());
            Area commune = d == null ? null : communes.get(d.areaId());
            Campaign.Heading c = headings.get(l.campaignId());
            return new ExportedPlay(l.id(), commune == null ? null : commune.code(), commune == null ? null : commune.name(), l.deviceId(),
                    d == null ? "#" + l.deviceId() : d.name(), l.campaignId(), c == null ? "#" + l.campaignId() : c.title(),
                    c == null ? null : c.legalBasis(), l.mediaId(), local(l.scheduledAt()), local(l.startedAt()), local(l.endedAt()),
                    l.status(), l.reason(), l.reason() == null ? null : Messages.vietnamese(l.reason()));
        }).toList();
    }

    private OffsetDateTime local(@Nullable Instant at) {
        return at == null ? null : at.atZone(zone).toOffsetDateTime();
    }
}
