package communecast.app.campaign;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * RFC 5545 text: one VEVENT per planned start (devices listed inside), CRLF lines folded at 75 octets. Made
 * one event at a time, so the answer is written out as it is made instead of held whole as one string.
 */
final class ICalendar {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ICalendar() {
    }

    /** The calendar in pieces: its head, each event, its end; each piece is made when the stream is read. */
    static Stream<String> write(String calendarName, List<Timeline.Entry> entries, Instant stamp) {
        StringBuilder head = new StringBuilder();
        line(head, "BEGIN:VCALENDAR");
        line(head, "VERSION:2.0");
        line(head, "PRODID:-//CommuneCast//Lich phat song//VI");
        line(head, "CALSCALE:GREGORIAN");
        line(head, "X-WR-CALNAME:" + text(calendarName));
        Map<String, List<Timeline.Entry>> byStart = entries.stream().filter(e -> !"EXCLUDED".equals(e.status()))
                .collect(Collectors.groupingBy(e -> e.campaignId() + "-" + e.itemId() + "-" + e.startAt().toEpochMilli(),
                        TreeMap::new, Collectors.toList()));
        return Stream.of(Stream.of(head.toString()),
                        byStart.entrySet().stream().map(e -> event(e.getKey(), e.getValue(), stamp)),
                        Stream.of("END:VCALENDAR\r\n"))
                .flatMap(s -> s);
    }

    private static String event(String key, List<Timeline.Entry> plays, Instant stamp) {
        StringBuilder ics = new StringBuilder();
        Timeline.Entry first = plays.getFirst();
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:" + key + "@communecast");
        line(ics, "DTSTAMP:" + UTC.format(stamp));
        line(ics, "DTSTART:" + UTC.format(first.startAt()));
        line(ics, "DTEND:" + UTC.format(first.endAt().isAfter(first.startAt()) ? first.endAt() : first.startAt().plusSeconds(60)));
        line(ics, "SUMMARY:" + text(first.title() + " [" + first.level() + "]"));
        // What the timeline says of the play on a device (it waits, it cuts one, it will not air): a line a reason.
        String notes = plays.stream().filter(p -> p.reason() != null)
                .collect(Collectors.groupingBy(Timeline.Entry::reason, TreeMap::new, Collectors.mapping(Timeline.Entry::deviceName, Collectors.joining(", "))))
                .entrySet().stream().map(e -> "\n" + e.getValue() + ": " + e.getKey()).collect(Collectors.joining());
        line(ics, "DESCRIPTION:" + text("Thiết bị / devices: " + plays.stream().map(Timeline.Entry::deviceName).distinct()
                .collect(Collectors.joining(", ")) + notes));
        line(ics, "END:VEVENT");
        return ics.toString();
    }

    /**
     * Escapes per RFC 5545 §3.3.11: backslash, semicolon, comma; a line break of any kind (CRLF, LF, a bare CR)
     * becomes {@code \n}; other control characters, which TEXT may not hold (tab aside), are dropped.
     */
    static String text(String value) {
        String escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\\n");
        return escaped.replaceAll("[\\x00-\\x08\\x0B-\\x1F\\x7F]", "");
    }

    /** Folds at 75 octets without splitting a UTF-8 character (§3.1). */
    static void line(StringBuilder ics, String content) {
        int octets = 0;
        StringBuilder folded = new StringBuilder();
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            String ch = new String(Character.toChars(codePoint));
            int size = ch.getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                folded.append("\r\n ");
                octets = 1;
            }
            folded.append(ch);
            octets += size;
            i += Character.charCount(codePoint);
        }
        ics.append(folded).append("\r\n");
    }
}
