package communecast.agent.player;

import communecast.agent.db.AgentDatabase;
import communecast.agent.outbox.Outbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * A child process for {@link ReportsAfterKillTest}: plays orders as fast as it can, from {@code args[1]} on,
 * with the agent's real reporting into {@code args[0]}, and prints {@code done <order>} once an order's
 * reports are committed, until it is killed.
 */
public final class ReportingUntilKilled {

    static final String DONE = "done ";

    private ReportingUntilKilled() {
    }

    public static void main(String[] args) {
        Clock clock = Clock.systemUTC();
        AgentDatabase database = AgentDatabase.open(Path.of(args[0]));
        Reporting reporting = new Reporting(database, new PlayJournal(database, clock), new Outbox(database), clock);
        for (long order = Long.parseLong(args[1]); ; order++) {
            Instant startedAt = clock.instant();
            reporting.playing(order, startedAt);
            reporting.played(order, startedAt, clock.instant());
            System.out.println(DONE + order);
            System.out.flush();
        }
    }
}
