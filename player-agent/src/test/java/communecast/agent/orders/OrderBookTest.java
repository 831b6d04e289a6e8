package communecast.agent.orders;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.agent.TestOrders;
import communecast.agent.db.AgentDatabase;
import communecast.agent.db.OpenedDatabases;
import communecast.agent.outbox.Outbox;
import communecast.agent.outbox.PlayStatus;
import communecast.agent.outbox.Report;
import communecast.agent.player.MediaNotReadyException;
import communecast.agent.player.NullOutput;
import communecast.agent.player.PlayJournal;
import communecast.agent.player.Player;
import communecast.agent.player.Reporting;
import communecast.media.MediaKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Orders far in the future, so nothing plays: this is about what the book holds. */
class OrderBookTest {

    @TempDir
    Path dir;

    private final OpenedDatabases databases = new OpenedDatabases();
    private final Clock clock = Clock.systemDefaultZone();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Long> prefetched = new CopyOnWriteArrayList<>();
    private final Instant later = clock.instant().plus(Duration.ofHours(1));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        databases.close();
    }

    /** Each call opens the database anew, as the agent does after a restart. */
    private OrderStore store() {
        return new OrderStore(databases.open(dir));
    }

    private PlayJournal journal() {
        return new PlayJournal(databases.open(dir), clock);
    }

    private OrderBook book(OrderStore store) {
        AgentDatabase database = databases.open(dir);
        Reporting reporting = new Reporting(database, new PlayJournal(database, clock), new Outbox(database), clock);
        Player player = new Player(clock, (order, deadline) -> {
            throw new MediaNotReadyException("not in this test");
        }, NullOutput.factory(), reporting, scheduler, Player.Settings.standard(), store::remove);
        return new OrderBook(store, order -> prefetched.add(order.orderId()), player);
    }

    private List<Long> held(OrderStore store) {
        return store.all().stream().map(Order::orderId).sorted().toList();
    }

    @Test
    void heldOrdersSurviveARestart() {
        book(store()).receive(List.of(TestOrders.audio(1, later), TestOrders.audio(2, later)), false);

        OrderStore reopened = store();
        book(reopened).start();

        assertEquals(List.of(1L, 2L), held(reopened));
        assertEquals(List.of(1L, 2L, 1L, 2L), prefetched);
        assertEquals(TestOrders.audio(1, later), reopened.all().getFirst());
    }

    @Test
    void anOrderWhoseTimePassedWhileTheAgentWasDownIsReportedMissedAfterTheRestart() {
        Instant passed = clock.instant().minus(Duration.ofMinutes(5));
        store().put(TestOrders.audio(1, passed));
        store().put(TestOrders.audio(2, later));

        OrderStore reopened = store();
        book(reopened).start();

        await().atMost(Duration.ofSeconds(5)).until(() -> !reopened.contains(1));
        List<Report> reports = new Outbox(databases.open(dir)).pending();
        assertEquals(List.of("1:MISSED"), reports.stream().map(Report::reportId).toList());
        assertEquals("agent was not running at air time", reports.getFirst().reason());
        assertEquals(List.of(2L), held(reopened));
    }

    @Test
    void aCompleteListDropsWhatItDoesNotName() {
        OrderStore store = store();
        OrderBook book = book(store);
        book.receive(List.of(TestOrders.audio(1, later), TestOrders.audio(2, later)), false);

        book.receive(List.of(TestOrders.audio(2, later), TestOrders.audio(3, later)), true);

        assertEquals(List.of(2L, 3L), held(store));
    }

    @Test
    void aPartialListOnlyAdds() {
        OrderStore store = store();
        OrderBook book = book(store);
        book.receive(List.of(TestOrders.audio(1, later)), false);

        book.receive(List.of(TestOrders.audio(2, later)), false);

        assertEquals(List.of(1L, 2L), held(store));
    }

    @Test
    void theSameOrderIsNotAddedTwice() {
        OrderStore store = store();
        OrderBook book = book(store);

        book.receive(List.of(TestOrders.audio(1, later)), false);
        book.receive(List.of(TestOrders.audio(1, later)), true);

        assertEquals(List.of(1L), held(store));
        assertEquals(List.of(1L), prefetched);
    }

    @Test
    void anOrderWithoutAnAirTimeIsIgnored() {
        OrderStore store = store();
        Order noStart = new Order(1, 5L, 7, TestOrders.SOME_SHA, "/agent/media/7", MediaKind.AUDIO, 2000, null, null);

        book(store).receive(List.of(noStart, TestOrders.audio(2, later)), false);

        assertEquals(List.of(2L), held(store));
    }

    @Test
    void aWithdrawnOrderIsDropped() {
        OrderStore store = store();
        OrderBook book = book(store);
        book.receive(List.of(TestOrders.audio(1, later), TestOrders.audio(2, later)), false);

        book.withdraw(List.of(1L, 99L), "campaign cancelled");

        assertEquals(List.of(2L), held(store));
    }

    @Test
    void theMediaOfTheHeldOrdersIsKnownSoTheCacheKeepsIt() {
        OrderStore store = store();
        OrderBook book = book(store);
        book.receive(List.of(TestOrders.audio(1, later, "a".repeat(64)), TestOrders.audio(2, later, "b".repeat(64))),
                false);

        book.withdraw(List.of(1L), "campaign cancelled");

        assertEquals(Set.of("b".repeat(64)), store.media());
    }

    @Test
    void anOrderAlreadyPlayedIsNotPlayedAgain() {
        journal().record(Report.of(1, PlayStatus.PLAYED, null, null, null));
        OrderStore store = store();

        book(store).receive(List.of(TestOrders.audio(1, later)), false);

        assertTrue(store.all().isEmpty());
        assertTrue(prefetched.isEmpty());
    }

    @Test
    void anOrderCutByAStopIsReportedFailedOnceAndNotReplayed() {
        journal().record(Report.of(1, PlayStatus.PLAYING, clock.instant().atOffset(ZoneOffset.UTC), null,
                null));
        OrderStore store = store();
        book(store).receive(List.of(TestOrders.audio(1, later)), false);
        book(store).receive(List.of(TestOrders.audio(1, later)), false);

        List<Report> reports = new Outbox(databases.open(dir)).pending();
        assertEquals(List.of("1:FAILED"), reports.stream().map(Report::reportId).toList());
        assertEquals("agent stopped during the play", reports.getFirst().reason());
        assertNull(reports.getFirst().endedAt(), "when it stopped is not known");
        assertFalse(store.contains(1));
    }
}
