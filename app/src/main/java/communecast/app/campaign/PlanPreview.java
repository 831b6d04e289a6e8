package communecast.app.campaign;

import communecast.app.web.Link;
import communecast.app.web.Messages;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The editor's calendar: the plan API's entries for the next days, one column a day, one chip per air
 * time and bulletin with how many devices air it, leave it out (quiet hours, excluded date) or overlap
 * another campaign. A province has hundreds of devices: a chip per device would be unreadable.
 */
record PlanPreview(List<Day> days, List<Note> notes, boolean moreNotes) {
    static final int DAYS = 7;
    private static final int MAX_NOTES = 40;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    record Day(String label, List<Slot> slots) {
    }

    /** A play left out or overlapping: when, on which device (a link to it), and why. */
    record Note(String at, Link device, String why) {
    }

    record Slot(String time, String title, int planned, int excluded, int conflicts) {
        public String css() {
            return conflicts > 0 ? "slot conflict" : planned == 0 ? "slot excluded" : "slot";
        }
    }

    static PlanPreview of(List<CampaignPlan.Entry> entries, LocalDate first, ZoneId zone, Map<Long, String> deviceNames,
                          Map<Long, String> mediaTitles, Map<String, String> t, Messages.Speaker say) {
        Map<LocalDate, Map<String, int[]>> byDay = new TreeMap<>();
        for (int i = 0; i < DAYS; i++) {
            byDay.put(first.plusDays(i), new TreeMap<>());
        }
        List<Note> notes = new ArrayList<>();
        int noted = 0;
        for (CampaignPlan.Entry e : entries) {
            ZonedDateTime at = e.startAt().atZone(zone);
            String title = mediaTitles.getOrDefault(e.mediaId(), "#" + e.mediaId());
            Map<String, int[]> day = byDay.get(at.toLocalDate());
            if (day == null) {
                continue;
            }
            // The key sorts by time first; the title after the tab keeps two bulletins at one time apart.
            int[] counts = day.computeIfAbsent(at.format(TIME) + "\t" + title, k -> new int[3]);
            boolean planned = "PLANNED".equals(e.status());
            counts[planned ? 0 : 1]++;
            String problem = planned ? e.conflict() : e.reason();
            if (planned && e.conflict() != null) {
                counts[2]++;
            }
            if (problem != null && noted++ < MAX_NOTES) {
                notes.add(new Note(at.format(DAY) + " " + at.format(TIME), Link.device(e.deviceId(), deviceNames.getOrDefault(e.deviceId(), "#" + e.deviceId())),
                        title + ": " + (planned ? t.get("conflict") : t.get("excluded")) + " – " + say.text(problem)));
            }
        }
        List<Day> days = new ArrayList<>();
        byDay.forEach((date, slots) -> days.add(new Day(t.get("day." + date.getDayOfWeek().name().substring(0, 3)) + " " + date.format(DAY),
                slots.entrySet().stream().map(s -> slot(s.getKey(), s.getValue())).toList())));
        return new PlanPreview(days, notes, noted > MAX_NOTES);
    }

    private static Slot slot(String key, int[] counts) {
        String[] timeAndTitle = key.split("\t", 2);
        return new Slot(timeAndTitle[0], timeAndTitle[1], counts[0], counts[1], counts[2]);
    }

    public boolean empty() {
        return days.stream().allMatch(d -> d.slots().isEmpty());
    }
}
