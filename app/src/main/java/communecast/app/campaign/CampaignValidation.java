package communecast.app.campaign;

import communecast.app.area.Areas;
import communecast.app.device.DeviceGroups;
import communecast.app.device.Devices;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.media.MediaStatus;
import communecast.media.MediaKind;
import communecast.app.schedule.Level;
import communecast.app.schedule.Rule;
import communecast.app.security.Role;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import communecast.app.web.DateBounds;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Everything wrong with a new campaign, said before anything is stored. */
final class CampaignValidation {
    static final int MAX_DAYS = 3 * 366;
    /**
     * Listed ids per target list (areaIds, deviceIds, groupIds), duplicates collapsed first: a province's
     * communes fit several times over, and each id is checked one by one; more devices are an area or a group.
     */
    static final int MAX_TARGET_IDS = 1000;
    /** Bulletin-and-rule rows: far more than any campaign's, and each is expanded on every plan and dispatch. */
    static final int MAX_ITEMS = 100;

    private final CurrentUser user;
    private final Areas areas;
    private final Devices devices;
    private final DeviceGroups groups;
    private final MediaLibrary media;

    CampaignValidation(CurrentUser user, Areas areas, Devices devices, DeviceGroups groups, MediaLibrary media) {
        this.user = user;
        this.areas = areas;
        this.devices = devices;
        this.groups = groups;
        this.media = media;
    }

    /** A campaign planned through the campaign API, whose level is the author's choice. */
    void checkPlanned(NewCampaign c) {
        check(c);
        checkLevel(c.level());
    }

    void check(NewCampaign c) {
        if (c.title() == null || c.title().isBlank() || c.level() == null || c.startDate() == null || c.endDate() == null) {
            throw missing("title, level, startDate and endDate are required");
        }
        DateBounds.check("startDate", c.startDate());
        DateBounds.check("endDate", c.endDate());
        if (c.endDate().isBefore(c.startDate())) {
            throw ApiException.badRequest("BAD_DATES", "endDate is before startDate");
        }
        if (c.endDate().toEpochDay() - c.startDate().toEpochDay() >= MAX_DAYS) {
            throw ApiException.badRequest("BAD_DATES", "a campaign may run at most " + MAX_DAYS + " days");
        }
        if (c.excludedDates() != null && c.excludedDates().stream().anyMatch(Objects::isNull)) {
            throw ApiException.badRequest("BAD_DATES", "excludedDates holds a null");
        }
        if (c.excludedDates() != null && c.excludedDates().size() > MAX_DAYS) {
            throw ApiException.badRequest("BAD_DATES", "excludedDates holds " + c.excludedDates().size()
                    + " different dates; a campaign runs at most " + MAX_DAYS + " days");
        }
        if (c.excludedDates() != null) {
            c.excludedDates().forEach(day -> DateBounds.check("excludedDates", day));
        }
        checkTargets(c.targets());
        if (c.items() == null || c.items().isEmpty()) {
            throw missing("a campaign needs at least one item {mediaId, rule}");
        }
        if (c.items().size() > MAX_ITEMS) {
            throw ApiException.badRequest("TOO_MANY_ITEMS", "a campaign holds at most " + MAX_ITEMS + " items, not " + c.items().size());
        }
        c.items().forEach(item -> checkItem(item, c.startDate(), c.endDate()));
    }

    /**
     * Who may use a level: EMERGENCY goes out through the emergency endpoint, or is planned by an approver (of
     * those who write campaigns, an ADMIN);
     * PRIORITY is ordered by a province or the country (Circular 39/2020: by the level above), not by a commune
     * for itself.
     */
    private void checkLevel(Level level) {
        String refusal = levelRefusal(level);
        if (refusal != null) {
            throw ApiException.forbidden(refusal);
        }
    }

    /** Why this user may not plan a campaign of this level, or null. */
    String levelRefusal(Level level) {
        if (level == Level.EMERGENCY && !user.has(Role.ADMIN, Role.APPROVER)) {
            return "an EMERGENCY goes out through POST /api/emergency; of those who write campaigns only an ADMIN plans one";
        }
        if (level == Level.PRIORITY && areas.inOneCommune(user)) {
            return "PRIORITY campaigns are ordered by a province or the country; a commune's own are NORMAL";
        }
        return null;
    }

    private void checkTargets(Campaign.Targets targets) {
        if (targets == null || targets.areas().isEmpty() && targets.devices().isEmpty() && targets.groups().isEmpty()) {
            throw missing("targets needs at least one of areaIds, deviceIds, groupIds");
        }
        capTargets("areaIds", targets.areas());
        capTargets("deviceIds", targets.devices());
        capTargets("groupIds", targets.groups());
        targets.areas().forEach(id -> areas.visible(user, requireId(id, "targets.areaIds")));
        targets.devices().forEach(id -> {
            if (devices.visible(user, requireId(id, "targets.deviceIds")).retiredAt() != null) {
                throw ApiException.badRequest("DEVICE_RETIRED", "targets.deviceIds: device " + id + " was retired and airs nothing more");
            }
        });
        targets.groups().forEach(id -> groups.visible(user, requireId(id, "targets.groupIds")));
    }

    private void checkItem(NewCampaign.Item item, LocalDate start, LocalDate end) {
        if (item == null || item.mediaId() == null || item.rule() == null) {
            throw missing("each item needs mediaId and rule");
        }
        MediaItem m = usable(item.mediaId());
        if (item.fallbackMediaId() != null) {
            checkFallback(m, usable(item.fallbackMediaId()));
        }
        // Checked here, not in RuleSpec: rules stored before the date rule are read with it too.
        if (item.rule().toRule() instanceof Rule.Once once
                && (DateBounds.check("rule.at", once.at()).toLocalDate().isBefore(start) || once.at().toLocalDate().isAfter(end))) {
            throw ApiException.badRequest("BAD_RULE", "rule.at " + once.at() + " is outside the campaign's dates " + start + " – " + end);
        }
    }

    private MediaItem usable(long mediaId) {
        MediaItem m = media.visible(user, mediaId);
        if (m.status() == MediaStatus.REJECTED) {
            throw ApiException.badRequest("MEDIA_REJECTED", "media " + m.id() + " was rejected: " + m.error());
        }
        if (m.deletedAt() != null) {
            throw ApiException.badRequest("MEDIA_DELETED", "media " + m.id() + " was deleted from the library");
        }
        return m;
    }

    /** A fallback stands in for a relay whose stream is down: a recording with sound, not another stream. */
    private static void checkFallback(MediaItem relay, MediaItem fallback) {
        if (relay.kind() != MediaKind.STREAM) {
            throw ApiException.badRequest("BAD_FALLBACK", "only a relay (a STREAM item) has a fallback; media " + relay.id() + " is "
                    + relay.kind());
        }
        if (fallback.kind() != null && fallback.kind() != MediaKind.AUDIO) {
            throw ApiException.badRequest("BAD_FALLBACK", "a relay's fallback is a recorded bulletin (AUDIO); media " + fallback.id()
                    + " is " + fallback.kind());
        }
    }

    private static void capTargets(String field, List<Long> ids) {
        if (ids.size() > MAX_TARGET_IDS) {
            throw ApiException.badRequest("TOO_MANY_TARGETS", "targets." + field + " lists " + ids.size()
                    + " different ids; at most " + MAX_TARGET_IDS + " per list: target their area or a device group instead");
        }
    }

    private static long requireId(Long id, String field) {
        if (id == null) {
            throw missing(field + " holds a null id");
        }
        return id;
    }

    private static ApiException missing(String message) {
        return ApiException.badRequest("MISSING_FIELD", message);
    }
}
