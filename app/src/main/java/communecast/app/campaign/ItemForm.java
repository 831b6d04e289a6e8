package communecast.app.campaign;

import communecast.app.web.ApiException;
import communecast.app.web.DateBounds;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One row of the editor: a bulletin and when it airs. Every rule's fields are kept whichever type is
 * chosen, so switching the type back and forth loses nothing the user typed.
 */
record ItemForm(String mediaId, String type, String at, String times, Set<String> days, String from, String to, String everyMinutes,
                String fallbackMediaId) {
    static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    static final List<String> TYPES = List.of("ONCE", "DAILY", "LOOP");

    static ItemForm blank() {
        return new ItemForm("", "DAILY", "", "06:30, 17:30", Set.of(), "07:00", "21:00", "60", "");
    }

    static ItemForm of(long mediaId, RuleSpec rule, Long fallbackMediaId) {
        return new ItemForm(String.valueOf(mediaId), CampaignForm.upper(rule.type()), written(rule.at()),
                rule.times() == null ? "" : String.join(", ", rule.times()),
                rule.daysOfWeek() == null ? Set.of() : rule.daysOfWeek().stream().map(CampaignForm::upper).collect(Collectors.toSet()),
                CampaignForm.orEmpty(rule.from()), CampaignForm.orEmpty(rule.to()), rule.everyMinutes() == null ? "" : rule.everyMinutes().toString(),
                fallbackMediaId == null ? "" : fallbackMediaId.toString());
    }

    static ItemForm parse(Map<String, String> fields, String prefix) {
        Set<String> days = new TreeSet<>();
        for (String day : DAYS) {
            if (fields.containsKey(prefix + "day-" + day)) {
                days.add(day);
            }
        }
        return new ItemForm(CampaignForm.field(fields, prefix + "mediaId"), CampaignForm.field(fields, prefix + "type"),
                CampaignForm.field(fields, prefix + "at"), CampaignForm.field(fields, prefix + "times"), days,
                CampaignForm.field(fields, prefix + "from"), CampaignForm.field(fields, prefix + "to"),
                CampaignForm.field(fields, prefix + "everyMinutes"), CampaignForm.field(fields, prefix + "fallbackMediaId"));
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("BAD_FALLBACK", "the fallback bulletin is not one of the library's: " + text);
        }
    }

    /** Only the chosen type's fields go into the rule; RuleSpec then says what is wrong with them. */
    NewCampaign.Item toItem() {
        long media;
        try {
            media = Long.parseLong(mediaId.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("MISSING_FIELD", "choose a bulletin for each row");
        }
        RuleSpec rule = switch (type) {
            case "ONCE" -> new RuleSpec("ONCE", at.isBlank() ? null : typedAt(at), null, null, null, null, null);
            case "LOOP" -> new RuleSpec("LOOP", null, null, null, blankToNull(from), blankToNull(to), number(everyMinutes));
            case "DAILY" -> new RuleSpec("DAILY", null,
                    Arrays.stream(times.split("[,;\\s]+")).filter(t -> !t.isBlank()).toList(),
                    days.isEmpty() ? null : DAYS.stream().filter(days::contains).toList(), null, null, null);
            default -> new RuleSpec(blankToNull(type), null, null, null, null, null, null);
        };
        return new NewCampaign.Item(media, rule, fallbackMediaId.isBlank() ? null : id(fallbackMediaId));
    }

    private static Integer number(String value) {
        try {
            return value.isBlank() ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("BAD_RULE", "a LOOP rule's everyMinutes must be a whole number, not '" + value + "'");
        }
    }

    /** A stored rule's time (2026-03-15T06:30:00) as offices write it: 15/03/2026 06:30. */
    private static String written(String at) {
        try {
            return at == null ? "" : DateBounds.written(LocalDateTime.parse(at));
        } catch (DateTimeParseException e) {
            return at;
        }
    }

    /** The field as the API takes it: ISO. */
    private static String typedAt(String value) {
        try {
            return DateBounds.typedMinute(value).toString();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("BAD_RULE", "a ONCE rule's day and time must be written like 15/03/2026 06:30, not '" + value.trim() + "'");
        }
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value.trim();
    }
}
