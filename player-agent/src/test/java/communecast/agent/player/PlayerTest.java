package communecast.agent.player;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.Json;
import communecast.agent.TestOrders;
import communecast.agent.orders.Order;
import communecast.agent.outbox.Outbox;
import communecast.agent.outbox.PlayStatus;
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

    private final ObjectMapper mapper = Json.mapper();
    private final Clock clock = Clock.systemDefaultZone();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Long> done = new CopyOnWriteArrayList<>();
    private Outbox outbox;
    private Path twoSeconds;

    @BeforeEach
    void setUp() {
        outbox = new Outbox(dir.resolve("outbox"), mapper);
        twoSeconds = TestMedia.tone(dir.resolve("two-seconds.wav"), Duration.ofSeconds(2), 440);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private Player player(MediaSource media) {
        Reporting reporting = new Reporting(new PlayJournal(dir.resolve("plays"), mapper), outbox, clock);
        return new Player(clock, media, NullOutput.factory(), reporting, scheduler,
                new Player.Settings(Duration.ofMillis(1500), Duration.ofSeconds(30)), done::add);
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
    void aPlayStartingWhileAnotherIsOnAirCutsIt() {
        Instant first = clock.instant().plusMillis(500);
        Player player = player((o, deadline) -> twoSeconds);
        player.schedule(TestOrders.audio(6, first));
        player.schedule(TestOrders.audio(7, first.plusMillis(1000)));

        Report cut = awaitReport("6:PLAYED");
        Report next = awaitReport("7:PLAYING");
        long cutAfter = millisBetween(cut.startedAt(), cut.endedAt());
        assertTrue(Math.abs(cutAfter - 1000) <= 200, "cut after " + cutAfter + " ms");
        assertTrue(!cut.endedAt().isAfter(next.startedAt().plusNanos(200_000_000L)));
        assertEquals(7L, player.playingOrderId());
        assertEquals(PlayStatus.PLAYED, awaitReport("7:PLAYED").status());
    }
}
