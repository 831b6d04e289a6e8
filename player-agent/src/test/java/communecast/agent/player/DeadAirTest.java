package communecast.agent.player;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.agent.TestOrders;
import communecast.agent.db.AgentDatabase;
import communecast.agent.db.OpenedDatabases;
import communecast.agent.orders.Order;
import communecast.agent.outbox.Outbox;
import communecast.media.MediaKind;
import communecast.media.testing.TestMedia;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silence on air is measured as it goes out: a silent file counts up, a tone does not. */
class DeadAirTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemDefaultZone();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final OpenedDatabases databases = new OpenedDatabases();

    @AfterEach
    void stop() {
        databases.close();
        scheduler.shutdownNow();
    }

    @Test
    void silenceOnAirCountsUpAndSoundResetsIt() {
        Path silent = TestMedia.tone(dir.resolve("silent.wav"), Duration.ofSeconds(3), 0);
        Path tone = TestMedia.tone(dir.resolve("tone.wav"), Duration.ofSeconds(3), 440);
        AgentDatabase database = databases.open(dir);
        Outbox outbox = new Outbox(database);
        Player player = new Player(clock, (order, deadline) -> order.orderId() == 1 ? silent : tone, NullOutput.factory(),
                new Reporting(database, new PlayJournal(database, clock), outbox, clock), scheduler, Player.Settings.standard(), id -> { });
        player.schedule(order(1, 300));
        await().atMost(Duration.ofSeconds(5)).until(() -> player.silenceOnAir().toMillis() >= 1500);

        player.schedule(order(2, 3600));
        await().atMost(Duration.ofSeconds(8)).until(() -> Long.valueOf(2).equals(player.playingOrderId()));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> player.silenceOnAir().toMillis() < 100);
        assertTrue(player.silenceOnAir().toMillis() < 100, "a tone is not dead air");
    }

    private Order order(long id, long inMillis) {
        return new Order(id, 5L, 7, TestOrders.SOME_SHA, "/agent/media/7", MediaKind.AUDIO, 3000,
                OffsetDateTime.now(clock).plusNanos(inMillis * 1_000_000), "NORMAL");
    }
}
