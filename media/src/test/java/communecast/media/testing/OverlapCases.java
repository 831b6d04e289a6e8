package communecast.media.testing;

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

/**
 * The table of cases in docs/protocol.md, "Overlapping plays": what a device does with plays that overlap. The
 * server's replay of the rule and the agent's stage are both tested against it, each row read here once.
 */
public final class OverlapCases {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 7);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Pattern PLAY = Pattern.compile(
            "(\\w+) (NORMAL|PRIORITY|EMERGENCY) c(\\d+)(?:#(\\d+))? (\\d\\d:\\d\\d:\\d\\d)\\+([\\d.]+)(?: until (\\d\\d:\\d\\d:\\d\\d))?");

    private OverlapCases() {
    }

    /** One play of a row: {@code order} 0 where the row gives none; {@code playUntil} an emergency's window, or null. */
    public record Play(String name, String level, long campaignId, long order, Instant startAt, long lengthMs, Instant playUntil) {
    }

    /** A row: its plays in the table's order, and what becomes of each, in the table's words. */
    public record Case(String name, List<Play> plays, Map<String, String> expected) {
    }

    /** The rows, read from docs/protocol.md beside the module's folder. */
    public static List<Case> read() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "protocol.md"));
        int at = lines.indexOf("<!-- cases: overlaps -->");
        List<Case> cases = new ArrayList<>();
        for (int i = at + 3; at >= 0 && i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            cases.add(new Case(cells[1].trim(), plays(cells[2].trim()), expected(cells[3].trim())));
        }
        if (cases.size() < 10) {
            throw new IllegalStateException("the table of docs/protocol.md was not found whole: " + cases.size() + " rows");
        }
        return cases;
    }

    /** A time as the table writes it. */
    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    private static List<Play> plays(String cell) {
        List<Play> plays = new ArrayList<>();
        for (String play : cell.split("; ")) {
            Matcher m = PLAY.matcher(play);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a play: " + play);
            }
            plays.add(new Play(m.group(1), m.group(2), Long.parseLong(m.group(3)), m.group(4) == null ? 0 : Long.parseLong(m.group(4)),
                    at(m.group(5)), new BigDecimal(m.group(6)).movePointRight(3).longValueExact(), m.group(7) == null ? null : at(m.group(7))));
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

    private static Instant at(String time) {
        return DAY.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
    }
}
