package communecast.app.campaign;

import communecast.app.area.Areas;
import communecast.app.device.DeviceGroups;
import communecast.app.device.Devices;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.media.MediaStatus;
import communecast.app.schedule.Rule;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Everything wrong with a new campaign, said before anything is stored. */
final class CampaignValidation {
    private static final int MAX_DAYS = 3 * 366;

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

    void check(NewCampaign c) {
        if (c.title() == null || c.title().isBlank() || c.level() == null || c.startDate() == null || c.endDate() == null) {
            throw missing("title, level, startDate and endDate are required");
        }
        if (c.endDate().isBefore(c.startDate())) {
            throw ApiException.badRequest("BAD_DATES", "endDate is before startDate");
        }
        if (c.endDate().toEpochDay() - c.startDate().toEpochDay() >= MAX_DAYS) {
            throw ApiException.badRequest("BAD_DATES", "a campaign may run at most " + MAX_DAYS + " days");
        }
        if (c.excludedDates() != null && c.excludedDates().stream().anyMatch(Objects::isNull)) {
            throw ApiException.badRequest("BAD_DATES", "excludedDates holds a null");
        }
        checkTargets(c.targets());
        if (c.items() == null || c.items().isEmpty()) {
            throw missing("a campaign needs at least one item {mediaId, rule}");
        }
        c.items().forEach(item -> checkItem(item, c.startDate(), c.endDate()));
    }

    private void checkTargets(Campaign.Targets targets) {
        if (targets == null || targets.areas().isEmpty() && targets.devices().isEmpty() && targets.groups().isEmpty()) {
            throw missing("targets needs at least one of areaIds, deviceIds, groupIds");
        }
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
        MediaItem m = media.visible(user, item.mediaId());
        if (m.status() == MediaStatus.REJECTED) {
            throw ApiException.badRequest("MEDIA_REJECTED", "media " + m.id() + " was rejected: " + m.error());
        }
        if (m.deletedAt() != null) {
            throw ApiException.badRequest("MEDIA_DELETED", "media " + m.id() + " was deleted from the library");
        }
        if (item.rule().toRule() instanceof Rule.Once once
                && (once.at().toLocalDate().isBefore(start) || once.at().toLocalDate().isAfter(end))) {
            throw ApiException.badRequest("BAD_RULE", "rule.at " + once.at() + " is outside the campaign's dates " + start + " – " + end);
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
