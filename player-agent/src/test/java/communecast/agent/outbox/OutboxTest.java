package communecast.agent.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.Json;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    @TempDir
    Path dir;

    private final ObjectMapper mapper = Json.mapper();
    private final OffsetDateTime start = OffsetDateTime.parse("2026-11-22T06:30:00.004+07:00");

    private Outbox outbox() {
        return new Outbox(dir, mapper);
    }

    private static List<String> ids(Outbox outbox) {
        return outbox.pending().stream().map(Report::reportId).toList();
    }

    @Test
    void reportsSurviveARestartInTheirOrder() {
        Outbox outbox = outbox();
        outbox.add(Report.of(9, PlayStatus.PLAYING, start, null, null));
        outbox.add(Report.of(3, PlayStatus.MISSED, null, null, "agent was not running at air time"));
        outbox.add(Report.of(9, PlayStatus.PLAYED, start, start.plusSeconds(90), null));

        Outbox reopened = outbox();
        assertEquals(List.of("9:PLAYING", "3:MISSED", "9:PLAYED"), ids(reopened));
        assertEquals(start.plusSeconds(90), reopened.pending().get(2).endedAt());

        reopened.add(Report.of(4, PlayStatus.FAILED, null, start, "decode error: x"));
        assertEquals(List.of("9:PLAYING", "3:MISSED", "9:PLAYED", "4:FAILED"), ids(outbox()));
    }

    @Test
    void anAckRemovesTheReportForGood() {
        Outbox outbox = outbox();
        outbox.add(Report.of(1, PlayStatus.PLAYING, start, null, null));
        outbox.add(Report.of(1, PlayStatus.PLAYED, start, start.plusSeconds(2), null));

        outbox.acknowledge("1:PLAYING");
        outbox.acknowledge("no:SUCH");

        assertEquals(List.of("1:PLAYED"), ids(outbox));
        assertEquals(List.of("1:PLAYED"), ids(outbox()));
    }

    @Test
    void theSameReportIsKeptOnceAndAnnouncedOnce() {
        Outbox outbox = outbox();
        List<String> announced = new ArrayList<>();
        outbox.onAdded(report -> announced.add(report.reportId()));

        outbox.add(Report.of(1, PlayStatus.PLAYING, start, null, null));
        outbox.add(Report.of(1, PlayStatus.PLAYING, start, null, null));

        assertEquals(List.of("1:PLAYING"), ids(outbox));
        assertEquals(List.of("1:PLAYING"), announced);
    }
}
