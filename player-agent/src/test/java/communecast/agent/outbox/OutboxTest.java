package communecast.agent.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import communecast.agent.db.AgentDatabase;
import communecast.agent.db.OpenedDatabases;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    @TempDir
    Path dir;

    private final OpenedDatabases databases = new OpenedDatabases();
    private final OffsetDateTime start = OffsetDateTime.parse("2026-11-22T06:30:00.004+07:00");

    @AfterEach
    void close() {
        databases.close();
    }

    /** Each call opens the database anew, as the agent does after a restart. */
    private Outbox outbox() {
        return new Outbox(databases.open(dir));
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

    /** Numbers are not reused out of order: the newest going (acknowledged) must not put a new one first. */
    @Test
    void aReportMadeAfterAReopenGoesLastAlsoWhenTheNewestWasAcknowledged() {
        Outbox outbox = outbox();
        outbox.add(Report.of(1, PlayStatus.PLAYED, start, start.plusSeconds(2), null));
        outbox.add(Report.of(2, PlayStatus.PLAYED, start, start.plusSeconds(2), null));
        outbox.add(Report.of(3, PlayStatus.PLAYED, start, start.plusSeconds(2), null));
        outbox.acknowledge("3:PLAYED");
        outbox.acknowledge("1:PLAYED");

        Outbox reopened = outbox();
        reopened.add(Report.of(4, PlayStatus.PLAYING, start, null, null));
        reopened.add(Report.of(1, PlayStatus.PLAYED, start, start.plusSeconds(2), null));

        assertEquals(List.of("2:PLAYED", "4:PLAYING", "1:PLAYED"), ids(outbox()));
    }

    /** A link that sent it earlier would tell the server of a report a crash could still undo. */
    @Test
    void aReportAddedInATransactionIsAnnouncedOnceThatIsCommitted() {
        AgentDatabase database = databases.open(dir);
        Outbox outbox = new Outbox(database);
        Outbox seenFromElsewhere = outbox();
        List<List<String>> committedWhenAnnounced = new ArrayList<>();
        outbox.onAdded(report -> committedWhenAnnounced.add(ids(seenFromElsewhere)));

        database.inTransaction(() -> {
            outbox.add(Report.of(1, PlayStatus.PLAYING, start, null, null));
            assertEquals(List.of(), committedWhenAnnounced, "not yet");
        });

        assertEquals(List.of(List.of("1:PLAYING")), committedWhenAnnounced);
    }

    @Test
    void aReportAddedInATransactionThatFailsIsNeitherKeptNorAnnounced() {
        AgentDatabase database = databases.open(dir);
        Outbox outbox = new Outbox(database);
        List<String> announced = new ArrayList<>();
        outbox.onAdded(report -> announced.add(report.reportId()));

        assertThrows(IllegalStateException.class, () -> database.inTransaction(() -> {
            outbox.add(Report.of(1, PlayStatus.PLAYING, start, null, null));
            throw new IllegalStateException("disk full");
        }));

        assertEquals(List.of(), ids(outbox()));
        assertEquals(List.of(), announced);
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
