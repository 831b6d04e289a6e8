package communecast.app.schedule;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The replay of the overlap rule against the table of cases in docs/protocol.md, "Overlapping plays". */
class OverlapsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 7);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Pattern PLAY = Pattern.compile(
            "(\\w+) (NORMAL|PRIORITY|EMERGENCY) c(\\d+)(?:#(\\d+))? (\\d\\d:\\d\\d:\\d\\d)\\+([\\d.]+)(?: until (\\d\\d:\\d\\d:\\d\\d))?");

    /** One row: its name, its plays by name, and what the device does with each, as the table writes it. */
    record Case(String name, Map<String, Overlaps.Slot> plays, Map<String, String> expected) {
    }

    @TestFactory
    Stream<DynamicTest> everyCaseOfTheProtocolTable() throws IOException {
        List<Case> cases = cases();
        assertFalse(cases.size() < 10, "the table of docs/protocol.md was not found whole: " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertEquals(c.expected(), described(c))));
    }

    @Test
    void theOrderInDoesNotMatter() throws IOException {
        for (Case c : cases()) {
            List<Overlaps.Slot> reversed = new ArrayList<>(c.plays().values()).reversed();
            assertEquals(Overlaps.resolve(List.copyOf(c.plays().values())), Overlaps.resolve(reversed), c.name());
        }
    }

    @Test
    void theFirstPlayThatHadToWaitIsTheOneNamedOnThePlayOnAir() {
        Overlaps.Slot a = slot(1, "10:00:00", 60);
        Overlaps.Slot b = slot(2, "10:00:10", 10);
        Overlaps.Slot c = slot(3, "10:00:20", 10);
        Map<Overlaps.Slot, Overlaps.Outcome> outcomes = Overlaps.resolve(List.of(c, b, a));
        assertEquals(b, outcomes.get(a).waiter());
        assertEquals(null, outcomes.get(b).waiter(), "B never aired: A held the device past its latest start");
        assertEquals(Overlaps.Kind.DROPPED, outcomes.get(c).kind());
    }

    @Test
    void aPlayOfUnknownLengthTakesItsInstantAndIsNotEndedBackToBack() {
        Overlaps.Slot unknown = slot(1, "10:00:00", 0);
        Overlaps.Slot next = slot(2, "10:00:00", 20);
        Overlaps.Outcome outcome = Overlaps.resolve(List.of(unknown, next)).get(next);
        assertEquals(Overlaps.Kind.WAITS, outcome.kind());
        assertEquals(unknown, outcome.other());
        assertEquals(at("10:00:00").plusMillis(1), outcome.startsAt());
    }

    private static Overlaps.Slot slot(long campaign, String start, long seconds) {
        return new Overlaps.Slot(campaign, 0, Level.NORMAL, at(start), at(start).plusSeconds(seconds), null);
    }

    /** The table's rows, between its marker and the first line that is not a row. */
    static List<Case> cases() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "protocol.md"));
        int at = lines.indexOf("<!-- cases: overlaps -->");
        List<Case> cases = new ArrayList<>();
        for (int i = at + 3; at >= 0 && i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            cases.add(new Case(cells[1].trim(), plays(cells[2].trim()), expected(cells[3].trim())));
        }
        return cases;
    }

    private static Map<String, Overlaps.Slot> plays(String cell) {
        Map<String, Overlaps.Slot> plays = new LinkedHashMap<>();
        for (String play : cell.split("; ")) {
            Matcher m = PLAY.matcher(play);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a play: " + play);
            }
            Instant start = at(m.group(5));
            long lengthMs = new BigDecimal(m.group(6)).movePointRight(3).longValueExact();
            plays.put(m.group(1), new Overlaps.Slot(Long.parseLong(m.group(3)), m.group(4) == null ? 0 : Long.parseLong(m.group(4)),
                    Level.valueOf(m.group(2)), start, start.plusMillis(lengthMs), m.group(7) == null ? null : at(m.group(7))));
        }
        return plays;
    }

    private static Map<String, String> expected(String cell) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String fate : cell.split("; ")) {
            int space = fate.indexOf(' ');
            expected.put(fate.substring(0, space), fate.substring(space + 1));
        }
        return expected;
    }

    /** Each play's outcome in the table's words, in the order the table lists them. */
    private static Map<String, String> described(Case c) {
        Map<Overlaps.Slot, String> names = new LinkedHashMap<>();
        c.plays().forEach((name, slot) -> names.put(slot, name));
        Map<Overlaps.Slot, Overlaps.Outcome> outcomes = Overlaps.resolve(List.copyOf(c.plays().values()));
        Map<String, String> described = new LinkedHashMap<>();
        for (String name : c.expected().keySet()) {
            Overlaps.Outcome o = outcomes.get(c.plays().get(name));
            String fate = switch (o.kind()) {
                case CLEAR -> "clear";
                case CUTS -> "cuts " + names.get(o.other());
                case WAITS -> "waits for " + names.get(o.other()) + " from " + TIME.format(o.startsAt());
                case DROPPED -> "dropped behind " + names.get(o.other());
            };
            described.put(name, fate + (o.cutBy() == null ? "" : ", cut by " + names.get(o.cutBy())));
        }
        assertEquals(c.plays().keySet(), c.expected().keySet(), "the table says what becomes of every play: " + c.name());
        assertEquals(c.plays().size(), outcomes.size(), "every play has one outcome: " + c.name());
        return described;
    }

    private static Instant at(String time) {
        return DAY.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
    }
}
