package communecast.app.campaign;

import communecast.app.schedule.Level;
import communecast.app.web.ApiException;
import communecast.app.web.DateBounds;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The campaign editor's fields as the user typed them (shown again, unchanged, next to an error) and the
 * API body they make. Field names are unique ({@code area-12}, {@code item0-day-MON}) so that a form
 * body binds as a plain map.
 */
record CampaignForm(String title, String legalBasis, String level, String startDate, String endDate, String excludedDates,
                    Set<Long> areaIds, Set<Long> deviceIds, Set<Long> groupIds, List<ItemForm> items) {
    private static final Pattern ITEM_FIELD = Pattern.compile("item(\\d{1,3})-.*");

    static CampaignForm blank(LocalDate today) {
        return new CampaignForm("", "", Level.NORMAL.name(), DateBounds.written(today), DateBounds.written(today.plusDays(6)), "",
                Set.of(), Set.of(), Set.of(), List.of(ItemForm.blank()));
    }

    /** The campaign as it will air once approved: its edit awaiting approval if it has one. */
    static CampaignForm of(Campaign campaign) {
        NewCampaign c = campaign.pendingRevision() != null ? campaign.pendingRevision().changes()
                : new NewCampaign(campaign.title(), campaign.legalBasis(), campaign.level(), campaign.startDate(), campaign.endDate(),
                campaign.excludedDates(), campaign.targets(),
                campaign.items().stream().map(i -> new NewCampaign.Item(i.mediaId(), i.rule(), i.fallbackMediaId())).toList());
        return new CampaignForm(c.title(), orEmpty(c.legalBasis()), c.level().name(), DateBounds.written(c.startDate()), DateBounds.written(c.endDate()),
                c.excludedDates() == null ? "" : c.excludedDates().stream().map(DateBounds::written).collect(Collectors.joining(", ")),
                ids(c.targets().areaIds()), ids(c.targets().deviceIds()), ids(c.targets().groupIds()),
                c.items().stream().map(i -> ItemForm.of(i.mediaId(), i.rule(), i.fallbackMediaId())).toList());
    }

    static CampaignForm parse(Map<String, String> fields) {
        Set<Integer> rows = new TreeSet<>();
        for (String key : fields.keySet()) {
            Matcher m = ITEM_FIELD.matcher(key);
            if (m.matches()) {
                rows.add(Integer.parseInt(m.group(1)));
            }
        }
        return new CampaignForm(field(fields, "title"), field(fields, "legalBasis"), field(fields, "level"), field(fields, "startDate"),
                field(fields, "endDate"), field(fields, "excludedDates"),
                checked(fields, "area-"), checked(fields, "device-"), checked(fields, "group-"),
                rows.stream().map(row -> ItemForm.parse(fields, "item" + row + "-")).toList());
    }

    CampaignForm withBlankItem() {
        List<ItemForm> more = new ArrayList<>(items);
        more.add(ItemForm.blank());
        return new CampaignForm(title, legalBasis, level, startDate, endDate, excludedDates, areaIds, deviceIds, groupIds, more);
    }

    /** The API's body; what cannot even be read (a date, a number) is refused as the API refuses it. */
    NewCampaign toRequest() {
        List<LocalDate> excluded = new ArrayList<>();
        for (String date : excludedDates.split("[,;\\s]+")) {
            if (!date.isBlank()) {
                excluded.add(day(date));
            }
        }
        return new NewCampaign(title.trim(), legalBasis.isBlank() ? null : legalBasis.trim(), parsedLevel(),
                startDate.isBlank() ? null : DateBounds.typedDay("startDate", startDate), endDate.isBlank() ? null : DateBounds.typedDay("endDate", endDate),
                excluded, new Campaign.Targets(List.copyOf(areaIds), List.copyOf(deviceIds), List.copyOf(groupIds)),
                items.stream().filter(i -> !i.mediaId().isBlank()).map(ItemForm::toItem).toList());
    }

    private Level parsedLevel() {
        try {
            return Level.valueOf(level);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("MISSING_FIELD", "level must be one of " + Arrays.toString(Level.values()));
        }
    }

    /** A day typed as offices write it (20/03/2026, 20/3/2026) or as ISO (2026-03-20). */
    private static LocalDate day(String value) {
        try {
            return DateBounds.typed(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("BAD_DATES", "excludedDates must hold days like 20/03/2026, not '" + value + "'");
        }
    }


    static String field(Map<String, String> fields, String name) {
        return orEmpty(fields.get(name));
    }

    private static Set<Long> checked(Map<String, String> fields, String prefix) {
        Set<Long> ids = new TreeSet<>();
        for (String key : fields.keySet()) {
            if (key.startsWith(prefix) && key.substring(prefix.length()).matches("\\d{1,18}")) {
                ids.add(Long.parseLong(key.substring(prefix.length())));
            }
        }
        return ids;
    }

    private static Set<Long> ids(List<Long> ids) {
        return ids == null ? Set.of() : new TreeSet<>(ids);
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static String upper(String value) {
        return value.trim().toUpperCase(Locale.ROOT);
    }
}
