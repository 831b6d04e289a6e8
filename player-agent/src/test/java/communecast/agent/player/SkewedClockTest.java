package communecast.agent.player;

import communecast.agent.db.AgentDatabase;
import communecast.agent.db.OpenedDatabases;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.agent.Json;
import communecast.agent.TestOrders;
import communecast.agent.link.ClockOffsetStore;
import communecast.agent.link.ServerClock;
import communecast.agent.orders.Order;
import communecast.agent.outbox.Outbox;
import communecast.agent.outbox.Report;
import communecast.media.MediaKind;
import communecast.media.testing.TestMedia;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A village PC whose clock is 30 s slow still airs on the server's second, once the link has measured it, and
 * after a restart while the link is down.
 */
class SkewedClockTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        databases.close();
        scheduler.shutdownNow();
    }

    @Test
    void aPcThirtySecondsSlowAirsOnTheServersTime() {
        Clock server = Clock.systemDefaultZone();
        ServerClock agentClock = new ServerClock(Clock.offset(server, Duration.ofSeconds(-30)));
        agentClock.correct(Duration.ofSeconds(30)); // what the time exchange measured (AgentLinkTest checks that part)

        assertAirsOnTime(agentClock, server);
    }

    @Test
    void restartedWithoutALinkItStillAirsOnTheServersTime() {
        Clock server = Clock.systemDefaultZone();
        Clock slowPc = Clock.offset(server, Duration.ofSeconds(-30));
        Path before = dir.resolve("before-restart");
        try (AgentDatabase earlier = AgentDatabase.open(before)) {
            ServerClock.restored(slowPc, new ClockOffsetStore(earlier)).correct(Duration.ofSeconds(30));
        }

        ServerClock afterRestart = ServerClock.restored(slowPc, new ClockOffsetStore(databases.open(before)));

        assertEquals(Duration.ofSeconds(30), afterRestart.offset(), "the offset measured before the restart");
        assertAirsOnTime(afterRestart, server);
    }

    @Test
    void anOffsetThePcsClockNoLongerFitsIsNotTrusted() {
        try (AgentDatabase database = AgentDatabase.open(dir.resolve("kept"))) {
            ClockOffsetStore store = new ClockOffsetStore(database);
            Instant now = Instant.now();
            store.keep(Duration.ofSeconds(30), now.plus(Duration.ofHours(2)));
            assertEquals(Duration.ZERO, ServerClock.restored(Clock.systemUTC(), store).offset(), "measured 'later': the clock was set back");
            store.keep(Duration.ofSeconds(30), now.minus(Duration.ofDays(40)));
            assertEquals(Duration.ZERO, ServerClock.restored(Clock.systemUTC(), store).offset(), "too old to say much");
            store.keep(Duration.ofSeconds(30), now.minus(Duration.ofHours(1)));
            assertEquals(Duration.ofSeconds(30), ServerClock.restored(Clock.systemUTC(), store).offset());
        }
    }

    private void assertAirsOnTime(ServerClock agentClock, Clock server) {
        Path tone = TestMedia.tone(dir.resolve("tone.wav"), Duration.ofMillis(500), 440);
        Outbox outbox = new Outbox(database());
        Player player = new Player(agentClock, (order, deadline) -> tone, NullOutput.factory(),
                new Reporting(database(), new PlayJournal(database(), agentClock), outbox, agentClock), scheduler,
                Player.Settings.standard(), id -> { });
        Instant airTime = server.instant().plusSeconds(2);
        player.schedule(new Order(1, 5L, 7, TestOrders.SOME_SHA, "/agent/media/7", MediaKind.AUDIO, 500,
                OffsetDateTime.ofInstant(airTime, server.getZone()), "NORMAL"));

        await().atMost(Duration.ofSeconds(6)).until(() -> outbox.pending().stream().anyMatch(r -> r.reportId().equals("1:PLAYING")));
        Instant wallClockAtStart = server.instant();
        Report playing = outbox.pending().stream().filter(r -> r.reportId().equals("1:PLAYING")).findFirst().orElseThrow();
        long offBy = Duration.between(airTime, playing.startedAt().toInstant()).toMillis();
        assertTrue(Math.abs(offBy) < 150, "started " + offBy + " ms off the server's air time");
        assertTrue(Duration.between(airTime, wallClockAtStart).toMillis() < 1000, "and really then, not 30 s later");
    }

    private final OpenedDatabases databases = new OpenedDatabases();
    private AgentDatabase openedDatabase;

    /** The agent's database in this test's data dir, opened once. */
    private AgentDatabase database() {
        if (openedDatabase == null) {
            openedDatabase = databases.open(dir);
        }
        return openedDatabase;
    }
}
