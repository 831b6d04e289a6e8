package communecast.app.campaign;

import communecast.app.schedule.Level;
import communecast.app.device.DeviceKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ICalendarTest {
    @Test
    void longVietnameseLinesFoldWithinSeventyFiveOctetsWithoutSplittingALetter() {
        StringBuilder ics = new StringBuilder();
        String summary = "SUMMARY:" + "Tuyên truyền phòng cháy, chữa cháy trên hệ thống thông tin cơ sở ".repeat(3);
        ICalendar.line(ics, summary);
        String[] lines = ics.toString().split("\r\n");
        for (String line : lines) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, line);
        }
        StringBuilder unfolded = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].startsWith(" "));
            unfolded.append(lines[i].substring(1));
        }
        assertEquals(summary, unfolded.toString());
    }

    @Test
    void textIsEscaped() {
        assertEquals("a\\, b\\; c\\\\ d\\ne", ICalendar.text("a, b; c\\ d\ne"));
    }

    @Test
    void everyLineBreakBecomesAnEscapedNewlineAndOtherControlsGo() {
        assertEquals("một\\nhai\\nba\\nbốn\tnăm", ICalendar.text("một\r\nhai\rba\nbốn\t\u0007năm\u007F"));
    }

    @Test
    void aTitleWithABareCarriageReturnCannotStartANewProperty() {
        Timeline.Entry entry = new Timeline.Entry(1, "Đài xã", DeviceKind.RADIO, 7, "Bản tin\rEND:VCALENDAR", Level.NORMAL, 3, 5,
                Instant.parse("2026-03-15T23:30:00Z"), Instant.parse("2026-03-15T23:35:00Z"), "PLANNED", null, null);
        String ics = ICalendar.write("Xã A; B", List.of(entry), Instant.parse("2026-03-01T00:00:00Z")).collect(Collectors.joining());
        assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\n"), ics);
        assertTrue(ics.endsWith("\r\nEND:VCALENDAR\r\n"), ics);
        assertEquals(1, List.of(ics.split("\r\n")).stream().filter("END:VCALENDAR"::equals).count(), "the title's END:VCALENDAR stays text: " + ics);
        assertTrue(ics.contains("\r\nSUMMARY:Bản tin\\nEND:VCALENDAR [NORMAL]\r\n"), ics);
        assertTrue(ics.contains("\r\nX-WR-CALNAME:Xã A\\; B\r\n"), ics);
        // Every line break in the answer is a CRLF: no bare CR or LF for a reader to split on.
        assertEquals(ics.replace("\r\n", "").indexOf('\r'), -1);
        assertEquals(ics.replace("\r\n", "").indexOf('\n'), -1);
    }
}
