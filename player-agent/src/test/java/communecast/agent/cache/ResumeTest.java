package communecast.agent.cache;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import communecast.agent.Backoff;
import communecast.agent.Servers;
import communecast.agent.TestOrders;
import communecast.agent.db.OpenedDatabases;
import communecast.agent.orders.Order;
import communecast.media.Sha256;
import communecast.media.testing.TestMedia;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads over a weak link: broken, stalled, and resumed from where they stopped. */
class ResumeTest {

    /** Long enough that only a retry made at once, not one after the backoff, gets the file in time. */
    private static final Duration SLOW_BACKOFF = Duration.ofMinutes(1);
    private static final Duration QUICK_BACKOFF = Duration.ofMillis(100);

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemDefaultZone();
    private final OpenedDatabases databases = new OpenedDatabases();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService downloads = Executors.newFixedThreadPool(2);
    private TestMediaServer server;
    private byte[] tone;
    private String sha;
    private int half;

    @BeforeEach
    void serveATone() throws IOException {
        server = new TestMediaServer();
        tone = Files.readAllBytes(TestMedia.tone(dir.resolve("tone.wav"), Duration.ofSeconds(1), 440));
        sha = server.serve(7, tone);
        half = tone.length / 2;
    }

    @AfterEach
    void stop() {
        server.close();
        scheduler.shutdownNow();
        downloads.shutdownNow();
        databases.close();
    }

    private MediaCache cache(Servers servers, Duration backoff, Duration stallTimeout) {
        MediaDownloader downloader = new MediaDownloader(HttpClient.newHttpClient(), servers, "dvt_test", scheduler,
                stallTimeout);
        return new MediaCache(dir.resolve("cache"), databases.open(dir), downloader, clock, downloads, scheduler,
                () -> new Backoff(backoff, backoff, new Random(1)), MediaCache.Settings.limitMb(2048), () -> Set.of(sha));
    }

    private Order order() {
        return TestOrders.audio(1, clock.instant().plusSeconds(20), sha);
    }

    private Path download(Duration backoff, Duration stallTimeout) throws Exception {
        MediaCache cache = cache(new Servers(List.of(server.address())), backoff, stallTimeout);
        return cache.await(order(), clock.instant().plusSeconds(10));
    }

    private Path download(Duration backoff) throws Exception {
        return download(backoff, Duration.ofSeconds(10));
    }

    private Path part() {
        return dir.resolve("cache").resolve(sha + ".part");
    }

    /** The agent has written the first half to its partial download. */
    private boolean partHasHalf() {
        try {
            return Files.size(part()) == half;
        } catch (IOException e) {
            return false; // Not there yet.
        }
    }

    @Test
    void aDownloadCutMidWayResumesFromWhereItStopped() throws Exception {
        server.answerNext(7, TestMediaServer.cutAfter(half, this::partHasHalf));

        Path file = download(QUICK_BACKOFF);

        assertEquals(List.of("(none)", "bytes=" + half + "-"), server.ranges());
        assertEquals(sha, Sha256.hex(file));
        assertArrayEquals(tone, Files.readAllBytes(file));
    }

    @Test
    void aServerThatIgnoresTheRangeSendsTheWholeFileWhichReplacesThePart() throws Exception {
        server.answerNext(7, TestMediaServer.cutAfter(half, this::partHasHalf), TestMediaServer.IGNORING_RANGE);

        Path file = download(QUICK_BACKOFF);

        assertEquals(List.of("(none)", "bytes=" + half + "-"), server.ranges());
        assertArrayEquals(tone, Files.readAllBytes(file));
    }

    @Test
    void aPartialDownloadLeftByTheLastRunIsResumed() throws Exception {
        Files.createDirectories(part().getParent());
        Files.write(part(), Arrays.copyOf(tone, half));

        Path file = download(QUICK_BACKOFF);

        assertEquals(List.of("bytes=" + half + "-"), server.ranges());
        assertArrayEquals(tone, Files.readAllBytes(file));
    }

    @Test
    void aPartWhoseBytesAreWrongIsDroppedAndTheWholeFileFetchedAtOnce() throws Exception {
        Files.createDirectories(part().getParent());
        Files.write(part(), new byte[half]);

        Path file = download(SLOW_BACKOFF);

        assertEquals(List.of("bytes=" + half + "-", "(none)"), server.ranges());
        assertArrayEquals(tone, Files.readAllBytes(file));
    }

    @Test
    void aPartAsLongAsTheFileGets416AndTheWholeFileIsFetchedAtOnce() throws Exception {
        Files.createDirectories(part().getParent());
        Files.write(part(), new byte[tone.length]);

        Path file = download(SLOW_BACKOFF);

        assertEquals(List.of("bytes=" + tone.length + "-", "(none)"), server.ranges());
        assertArrayEquals(tone, Files.readAllBytes(file));
    }

    @Test
    void aDownloadCutByAServerThatDiedResumesFromTheServerTheAgentMovedTo() throws Exception {
        try (TestMediaServer dying = new TestMediaServer()) {
            dying.serve(7, tone);
            dying.answerNext(7, dying.stallAfter(half));
            Servers servers = new Servers(List.of(dying.address(), server.address()));
            MediaCache cache = cache(servers, QUICK_BACKOFF, Duration.ofSeconds(10));
            Order order = order();
            cache.prefetch(order);
            await().atMost(Duration.ofSeconds(5)).until(this::partHasHalf);

            servers.failed(dying.address()); // As the link does when it loses that server.
            dying.close();
            Path file = cache.await(order, clock.instant().plusSeconds(10));

            assertEquals(List.of("(none)"), dying.ranges());
            assertEquals(List.of("bytes=" + half + "-"), server.ranges(), "the bytes kept are good on any server");
            assertArrayEquals(tone, Files.readAllBytes(file));
        }
    }

    @Test
    void aStalledDownloadIsGivenUpAndResumed() throws Exception {
        server.answerNext(7, server.stallAfter(half));

        Path file = download(QUICK_BACKOFF, Duration.ofMillis(300));

        assertEquals(List.of("(none)", "bytes=" + half + "-"), server.ranges());
        assertArrayEquals(tone, Files.readAllBytes(file));
    }
}
