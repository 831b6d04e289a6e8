package communecast.agent.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.agent.db.AgentDatabase;
import communecast.agent.db.OpenedDatabases;
import communecast.agent.outbox.Outbox;
import communecast.agent.outbox.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's process killed (kill -9) in the middle of writing reports, as a power cut or an operator
 * would: what it committed is all there, in order, once each, and the journal agrees with the outbox.
 */
class ReportsAfterKillTest {

    /** Orders a child confirms before it is killed: the kill then falls inside its writing loop. */
    private static final int CONFIRMED_BEFORE_KILL = 40;
    private static final int KILLS = 3;

    @TempDir
    Path dir;

    private final OpenedDatabases databases = new OpenedDatabases();
    private final Clock clock = Clock.systemUTC();

    @AfterEach
    void close() {
        databases.close();
    }

    @Test
    void afterEachKillTheOutboxHoldsWhatWasCommittedInOrderOnceEach() throws Exception {
        List<String> before = List.of();
        long next = 1;
        for (int kill = 1; kill <= KILLS; kill++) {
            long confirmed = runAndKill(next);

            AgentDatabase reopened = databases.open(dir);
            List<String> pending = new Outbox(reopened).pending().stream().map(Report::reportId).toList();
            long last = orderOf(pending.getLast());
            List<String> expected = new ArrayList<>(before);
            expected.addAll(made(next, last, pending.getLast().endsWith(":PLAYING")));
            assertEquals(expected, pending,
                    "after kill " + kill + ": every report made, in the order made, once each, and nothing else");
            assertTrue(last >= confirmed, "after kill " + kill + ": order " + confirmed + " was committed");
            assertJournalAgrees(new PlayJournal(reopened, clock), pending);
            before = pending;
            next = last + 1;
        }
    }

    /** Starts a child that reports from order {@code first} on, kills it, answers the last order it confirmed. */
    private long runAndKill(long first) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), ReportingUntilKilled.class.getName(),
                dir.toString(), Long.toString(first))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            long confirmed = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> readUntilConfirmed(child,
                    first + CONFIRMED_BEFORE_KILL - 1));
            child.destroyForcibly();
            return confirmed;
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static long readUntilConfirmed(Process child, long order) throws IOException {
        BufferedReader out = child.inputReader();
        long confirmed = 0;
        while (confirmed < order) {
            String line = out.readLine();
            assertNotNull(line, () -> "the child ended before it was killed, exit " + child.onExit().join().exitValue());
            if (line.startsWith(ReportingUntilKilled.DONE)) {
                confirmed = Long.parseLong(line.substring(ReportingUntilKilled.DONE.length()));
            }
        }
        return confirmed;
    }

    /** Both reports of orders {@code first} to {@code last}, the last one's PLAYED only if it got that far. */
    private static List<String> made(long first, long last, boolean cutAfterPlaying) {
        List<String> made = new ArrayList<>();
        for (long order = first; order <= last; order++) {
            made.add(order + ":PLAYING");
            if (order < last || !cutAfterPlaying) {
                made.add(order + ":PLAYED");
            }
        }
        return made;
    }

    private static long orderOf(String reportId) {
        return Long.parseLong(reportId.substring(0, reportId.indexOf(':')));
    }

    /** Written in one transaction with the outbox: the journal's last word on each order is the outbox's. */
    private static void assertJournalAgrees(PlayJournal journal, List<String> pending) {
        Map<Long, String> lastReport = new LinkedHashMap<>();
        pending.forEach(id -> lastReport.put(orderOf(id), id));
        lastReport.forEach((order, reportId) -> assertEquals(Optional.of(reportId),
                journal.last(order).map(Report::reportId), "order " + order));
        assertEquals(Optional.empty(), journal.last(orderOf(pending.getLast()) + 1));
    }
}
