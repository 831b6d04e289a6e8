package communecast.app.campaign;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
}
