package communecast.agent.player;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.agent.TestOrders;
import communecast.agent.db.AgentDatabase;
import communecast.agent.db.OpenedDatabases;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real decoding of generated tones through the null output, on the real clock. */
class PlayerTest {

    @TempDir
    Path dir;

    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

    private final Clock clock = Clock.systemDefaultZone();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Long> done = new CopyOnWriteArrayList<>();
    private final OpenedDatabases databases = new OpenedDatabases();
    private AgentDatabase database;
    private Outbox outbox;
    private Path twoSeconds;

    @BeforeEach
    void setUp() {
        database = databases.open(dir);
        outbox = new Outbox(database);
        twoSeconds = TestMedia.tone(dir.resolve("two-seconds.wav"), TWO_SECONDS, 440);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        databases.close();
    }

    private Player player(MediaSource media) {
        return player(media, Duration.ofSeconds(30));
    }

    private Player player(MediaSource media, Duration missTolerance) {
        Reporting reporting = new Reporting(database, new PlayJournal(database, clock), outbox, clock);
        return new Player(clock, media, NullOutput.factory(), reporting, scheduler,
                new Player.Settings(Duration.ofMillis(1500), missTolerance), done::add);
    }

    private Report awaitReport(String reportId) {
        await().atMost(Duration.ofSeconds(8)).until(() -> report(reportId) != null);
        return report(reportId);
    }

    private Report report(String reportId) {
        return outbox.pending().stream().filter(r -> r.reportId().equals(reportId)).findFirst().orElse(null);
    }

    private List<String> reportIds() {
        return outbox.pending().stream().map(Report::reportId).toList();
    }

    private static long millisBetween(OffsetDateTime from, OffsetDateTime to) {
        return Duration.between(from, to).toMillis();
    }

    @Test
    void playsOnTimeForTheLengthOfTheMedia() {
        Order order = TestOrders.audio(1, clock.instant().plusMillis(1500));

        player((o, deadline) -> twoSeconds).schedule(order);

        Report played = awaitReport("1:PLAYED");
        Report playing = report("1:PLAYING");
        assertEquals(List.of("1:PLAYING", "1:PLAYED"), reportIds());
        long lateBy = millisBetween(order.startAt(), played.startedAt());
        assertTrue(Math.abs(lateBy) <= 100, "started " + lateBy + " ms off its air time");
        assertEquals(playing.startedAt().toInstant(), played.startedAt().toInstant());
        assertNull(playing.endedAt());
        long length = millisBetween(played.startedAt(), played.endedAt());
        assertTrue(Math.abs(length - 2000) <= 300, "played for " + length + " ms");
        await().atMost(Duration.ofSeconds(1)).until(() -> done.contains(1L));
    }

    @Test
    void anImageStaysUpForTheOrdersDuration() {
        Path png = TestMedia.image(dir.resolve("notice.png"), 64, 48);
        Order order = new Order(8, 5L, 9, TestOrders.SOME_SHA, "/agent/media/9", MediaKind.IMAGE, 1000,
                OffsetDateTime.ofInstant(clock.instant().plusMillis(300), TestOrders.HANOI), "NORMAL");

        player((o, deadline) -> png).schedule(order);

        Report played = awaitReport("8:PLAYED");
        long length = millisBetween(played.startedAt(), played.endedAt());
        assertTrue(Math.abs(length - 1000) <= 300, "shown for " + length + " ms");
    }

    @Test
    void anOrderWhoseTimeIsLongGoneIsMissed() {
        Order order = TestOrders.audio(2, clock.instant().minusSeconds(60));

        player((o, deadline) -> twoSeconds).schedule(order);

        Report missed = awaitReport("2:MISSED");
        assertEquals("agent was not running at air time", missed.reason());
        assertNull(missed.startedAt());
    }

    @Test
    void anEmergencyWhoseFileComesAfterTheToleranceAirsLateInsideItsWindow() {
        Instant startAt = clock.instant().plusMillis(300);
        Instant fileArrives = startAt.plusMillis(1500);
        Order emergency = new Order(4, 5L, 7, TestOrders.SOME_SHA, "/agent/media/7", MediaKind.AUDIO, 2000,
                OffsetDateTime.ofInstant(startAt, TestOrders.HANOI), "EMERGENCY",
                OffsetDateTime.ofInstant(startAt.plusSeconds(3), TestOrders.HANOI));

        // A download that ends 1.5 s after air time: past the 0.5 s tolerance, inside the 3 s window.
        player((o, deadline) -> {
            Waits waits = new Waits(clock);
            if (deadline.isBefore(fileArrives)) {
                waits.until(deadline);
                throw new MediaNotReadyException("still downloading");
            }
            waits.until(fileArrives);
            return twoSeconds;
        }, Duration.ofMillis(500)).schedule(emergency);

        Report played = awaitReport("4:PLAYED");
        long lateBy = millisBetween(OffsetDateTime.ofInstant(fileArrives, TestOrders.HANOI), played.startedAt());
        assertTrue(lateBy >= 0 && lateBy <= 300, "started " + lateBy + " ms after its file came");
    }

    @Test
    void mediaNotReadyAtAirTimeFails() {
        Order order = TestOrders.audio(3, clock.instant().plusMillis(300));

        player((o, deadline) -> {
            throw new MediaNotReadyException("download failed (HTTP 503)");
        }).schedule(order);

        Report failed = awaitReport("3:FAILED");
        assertEquals("media not ready: download failed (HTTP 503)", failed.reason());
        assertNull(failed.startedAt());
    }

    @Test
    void aFileThatIsNoMediaFailsWithADecodeError() {
        Path text = TestMedia.textDisguisedAs(dir.resolve("fake.mp3"));

        player((o, deadline) -> text).schedule(TestOrders.audio(4, clock.instant().plusMillis(300)));

        assertTrue(awaitReport("4:FAILED").reason().startsWith("decode error: "));
    }

    @Test
    void aWithdrawnOrderDoesNotPlayAndReportsNothing() {
        Player player = player((o, deadline) -> twoSeconds);
        player.schedule(TestOrders.audio(5, clock.instant().plusMillis(1000)));

        assertTrue(player.withdraw(5));

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> reportIds().isEmpty());
    }

    @Test
    void aPlayOfAHigherLevelCutsTheOneOnAir() {
        Instant first = clock.instant().plusMillis(500);
        Order emergency = order(7, first.plusMillis(1000), "EMERGENCY", TWO_SECONDS);
        Player player = player((o, deadline) -> twoSeconds);
        player.schedule(order(6, first, "NORMAL", TWO_SECONDS));
        player.schedule(emergency);

        Report cut = awaitReport("6:PREEMPTED");
        assertEquals("preempted by order 7 (EMERGENCY)", cut.reason());
        assertEquals(report("6:PLAYING").startedAt(), cut.startedAt());
        long cutAfter = millisBetween(cut.startedAt(), cut.endedAt());
        assertTrue(Math.abs(cutAfter - 1000) <= 200, "cut after " + cutAfter + " ms");
        long lateBy = millisBetween(emergency.startAt(), awaitReport("7:PLAYING").startedAt());
        assertTrue(Math.abs(lateBy) <= 100, "started " + lateBy + " ms off its air time");
        assertEquals(7L, player.playingOrderId());
        awaitReport("7:PLAYED");
        assertNull(report("6:PLAYED"));
    }

    @Test
    void aWithdrawnPlayOnAirIsCutAndSaysWhy() {
        Player player = player((o, deadline) -> twoSeconds);
        player.schedule(order(21, clock.instant().plusMillis(300), "EMERGENCY", TWO_SECONDS));
        awaitReport("21:PLAYING");

        assertTrue(player.cut(21, "withdrawn: campaign cancelled"));
        Report cut = awaitReport("21:PREEMPTED");
        assertEquals("withdrawn: campaign cancelled", cut.reason());
        assertTrue(millisBetween(cut.startedAt(), cut.endedAt()) < 1500, "cut well before its end");
    }

    @Test
    void playsBackToBackStartOnTimeThoughAFileRunsPastItsLength() {
        // The file lasts 1.4 s but the order says 1 s (an encoder's padding at the end, much exaggerated).
        Path longer = TestMedia.tone(dir.resolve("longer.wav"), Duration.ofMillis(1400), 440);
        Instant first = clock.instant().plusMillis(400);
        Player player = player((o, deadline) -> longer);
        player.schedule(order(31, first, "NORMAL", Duration.ofSeconds(1)));
        player.schedule(order(32, first.plusSeconds(1), "NORMAL", Duration.ofSeconds(1)));

        Report next = awaitReport("32:PLAYING");
        long late = Duration.between(first.plusSeconds(1), next.startedAt().toInstant()).toMillis();
        assertTrue(late < 100, "the second started " + late + " ms late");
        Report before = awaitReport("31:PLAYED");
        assertTrue(Math.abs(millisBetween(before.startedAt(), before.endedAt()) - 1000) < 150, "the first had its whole second");
    }

    @Test
    void aPlayOfTheSameLevelWaitsForTheOneOnAirToEnd() {
        Instant first = clock.instant().plusMillis(500);
        Player player = player((o, deadline) -> twoSeconds);
        player.schedule(order(6, first, "PRIORITY", TWO_SECONDS));
        player.schedule(order(7, first.plusMillis(1000), "PRIORITY", TWO_SECONDS));

        Report before = awaitReport("6:PLAYED");
        Report after = awaitReport("7:PLAYING");
        long length = millisBetween(before.startedAt(), before.endedAt());
        assertTrue(Math.abs(length - 2000) <= 300, "the first played for " + length + " ms");
        long gap = millisBetween(before.endedAt(), after.startedAt());
        assertTrue(gap >= 0 && gap <= 100, gap + " ms between the plays");
        awaitReport("7:PLAYED");
        assertEquals(List.of("6:PLAYING", "6:PLAYED", "7:PLAYING", "7:PLAYED"), reportIds());
    }

    @Test
    void waitingPlaysGoOutByAirTimeThenOrderIdNotByArrival() {
        Path short400 = TestMedia.tone(dir.resolve("short.wav"), Duration.ofMillis(400), 880);
        Instant first = clock.instant().plusMillis(300);
        Instant mediaOf8Ready = first.plusMillis(600);
        Player player = player((o, deadline) -> {
            if (o.orderId() == 8) {
                // A slow download: order 8 reaches the stage after order 9, though it goes first.
                await().atMost(Duration.ofSeconds(3)).until(() -> clock.instant().isAfter(mediaOf8Ready));
            }
            return o.orderId() == 6 ? twoSeconds : short400;
        });
        player.schedule(order(6, first, "EMERGENCY", TWO_SECONDS));
        player.schedule(order(9, first.plusMillis(300), "NORMAL", Duration.ofMillis(400)));
        player.schedule(order(8, first.plusMillis(300), "NORMAL", Duration.ofMillis(400)));

        awaitReport("9:PLAYED");
        assertEquals(List.of("6:PLAYING", "6:PLAYED", "8:PLAYING", "8:PLAYED", "9:PLAYING", "9:PLAYED"),
                reportIds());
    }

    @Test
    void playsDueAtTheSameInstantGoOutByLevelThenOrderIdWhicheverIsReadyFirst() {
        Path short400 = TestMedia.tone(dir.resolve("short.wav"), Duration.ofMillis(400), 880);
        Instant at = clock.instant().plusMillis(1600);
        Player player = player((o, deadline) -> {
            if (o.orderId() == 11 || o.orderId() == 14) {
                // Its file comes last: without a stated order the other would take the stage.
                await().atMost(Duration.ofSeconds(3)).until(() -> clock.instant().isAfter(at.plusMillis(150)));
            }
            return short400;
        });
        player.schedule(order(12, at, "NORMAL", Duration.ofMillis(400)));
        player.schedule(order(11, at, "NORMAL", Duration.ofMillis(400)));
        awaitReport("12:PLAYED");
        assertEquals(List.of("11:PLAYING", "11:PLAYED", "12:PLAYING", "12:PLAYED"), reportIds(), "equal levels: the lower order id first");

        Instant later = clock.instant().plusMillis(1600);
        Player second = player((o, deadline) -> {
            if (o.orderId() == 14) {
                await().atMost(Duration.ofSeconds(3)).until(() -> clock.instant().isAfter(later.plusMillis(150)));
            }
            return short400;
        });
        second.schedule(order(13, later, "NORMAL", Duration.ofMillis(400)));
        second.schedule(order(14, later, "PRIORITY", Duration.ofMillis(400)));
        awaitReport("13:PLAYED");
        assertEquals(List.of("14:PLAYING", "14:PLAYED", "13:PLAYING", "13:PLAYED"),
                reportIds().subList(4, 8), "the higher level first; the other waits, it is not cut after a few milliseconds");
    }

    @Test
    void aWaitingPlayThatWouldStartTooLateFailsAsBusy() {
        Instant first = clock.instant().plusMillis(500);
        Order lower = order(7, first.plusMillis(500), "NORMAL", TWO_SECONDS);
        Player player = player((o, deadline) -> twoSeconds, Duration.ofMillis(500));
        player.schedule(order(6, first, "PRIORITY", TWO_SECONDS));
        player.schedule(lower);

        Report failed = awaitReport("7:FAILED");
        Report busy = report("6:PLAYING");
        assertNull(failed.startedAt());
        long failedAfter = millisBetween(lower.startAt(), failed.endedAt());
        assertTrue(Math.abs(failedAfter - 500) <= 200, "failed " + failedAfter + " ms after its air time");
        String prefix = "device busy with order 6 until ";
        assertTrue(failed.reason().startsWith(prefix), failed.reason());
        OffsetDateTime until = OffsetDateTime.parse(failed.reason().substring(prefix.length()));
        long beforePlannedEnd = millisBetween(until, busy.startedAt().plusSeconds(2));
        assertTrue(beforePlannedEnd >= 0 && beforePlannedEnd < 1100, "busy until " + until);
        Report played = awaitReport("6:PLAYED");
        assertTrue(millisBetween(played.startedAt(), played.endedAt()) >= 1800, "a lower level does not cut");
        assertNull(report("7:PLAYING"));
    }

    private static Order order(long orderId, Instant startAt, String level, Duration length) {
        return new Order(orderId, 5L, 7, TestOrders.SOME_SHA, "/agent/media/7", MediaKind.AUDIO, length.toMillis(),
                OffsetDateTime.ofInstant(startAt, TestOrders.HANOI), level);
    }
}
