package communecast.agent.cache;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.agent.Backoff;
import communecast.agent.Servers;
import communecast.agent.TestOrders;
import communecast.agent.db.AgentDatabase;
import communecast.agent.db.OpenedDatabases;
import communecast.agent.orders.Order;
import communecast.agent.outbox.Outbox;
import communecast.agent.outbox.Report;
import communecast.agent.player.MediaNotReadyException;
import communecast.agent.player.MediaSource;
import communecast.agent.player.NullOutput;
import communecast.agent.player.PlayJournal;
import communecast.agent.player.Player;
import communecast.agent.player.Reporting;
import communecast.media.MediaKind;
import communecast.media.testing.TestMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real HTTP server on the loopback serves generated tones, as the server's media endpoint would. */
class MediaCacheTest {

    private static final String TOKEN = "dvt_test";
    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemDefaultZone();
    private final OpenedDatabases databases = new OpenedDatabases();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService downloads = Executors.newFixedThreadPool(2);
    /** The media of the held orders, as the order store would tell. */
    private final Set<String> needed = ConcurrentHashMap.newKeySet();
    private TestMediaServer server;
    private byte[] tone;
    private String toneSha;

    @BeforeEach
    void serveATone() throws IOException {
        server = new TestMediaServer();
        tone = toneBytes(440);
        toneSha = server.serve(7, tone);
    }

    @AfterEach
    void stop() {
        server.close();
        scheduler.shutdownNow();
        downloads.shutdownNow();
        databases.close();
    }

    private MediaCache cache() {
        return cache(MediaCache.Settings.limitMb(2048));
    }

    private MediaCache cache(MediaCache.Settings settings) {
        MediaDownloader downloader = new MediaDownloader(HttpClient.newHttpClient(),
                new Servers(List.of(server.address())), TOKEN, scheduler, Duration.ofSeconds(5));
        return new MediaCache(cacheDir(), databases.open(dir), downloader, clock, downloads, scheduler,
                () -> new Backoff(Duration.ofMillis(100), Duration.ofMillis(200), new Random(1)), settings,
                () -> Set.copyOf(needed));
    }

    private Path cacheDir() {
        return dir.resolve("cache");
    }

    private Order orderIn(Duration lead, String sha) {
        return TestOrders.audio(1, clock.instant().plus(lead), sha);
    }

    private Path cached(MediaCache cache, Order order) throws Exception {
        return cache.await(order, clock.instant().plusSeconds(5));
    }

    @Test
    void aGoodFileIsCachedUnderItsHashWithTheDeviceToken() throws Exception {
        Path cached = cached(cache(), orderIn(Duration.ofSeconds(10), toneSha));

        assertEquals(cacheDir().resolve(toneSha), cached);
        assertArrayEquals(tone, Files.readAllBytes(cached));
        assertEquals(List.of("Device " + TOKEN),
                server.requests().stream().map(TestMediaServer.Request::authorization).toList());
    }

    @Test
    void aCachedFileIsNotFetchedAgain() throws Exception {
        Order order = orderIn(Duration.ofSeconds(10), toneSha);
        cache().prefetch(order);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(cacheDir().resolve(toneSha)));

        cached(cache(), order);

        assertEquals(1, server.requests().size());
    }

    @Test
    void bytesDamagedOnTheWayAreNeverCachedAndAreRetriedUntilAirTime() {
        server.answerAlways(7, TestMediaServer.CORRUPTING);
        Order order = orderIn(Duration.ofSeconds(4), toneSha);
        MediaCache cache = cache();
        cache.prefetch(order);
        // A second request means the first attempt has failed; waiting on the air time alone raced a loaded CI.
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests().size() >= 2);

        MediaNotReadyException e = assertThrows(MediaNotReadyException.class,
                () -> cache.await(order, clock.instant()));

        assertTrue(e.getMessage().startsWith("checksum mismatch"), e.getMessage());
        // An attempt still under way at air time leaves its part until its checksum fails.
        await().atMost(Duration.ofSeconds(10)).until(() -> mediaFiles().isEmpty());
    }

    @Test
    void aFileTheServerSaysIsAnotherIsNotDownloaded() {
        Order order = orderIn(Duration.ofSeconds(3), "0".repeat(64));

        MediaNotReadyException e = assertThrows(MediaNotReadyException.class,
                () -> cache().await(order, order.startAt().toInstant()));

        assertEquals("the server has another file (sha256 " + toneSha.substring(0, 12) + "...)", e.getMessage());
        assertEquals(Set.of(), mediaFiles());
    }

    @Test
    void aRenditionNotReadyIsRetriedThenNamedInTheReason() {
        server.answerAlways(7, TestMediaServer.RENDITION_NOT_READY);
        Order order = orderIn(Duration.ofSeconds(3), toneSha);

        MediaNotReadyException e = assertThrows(MediaNotReadyException.class,
                () -> cache().await(order, order.startAt().toInstant()));

        assertEquals("download failed (HTTP 503 RENDITION_NOT_READY)", e.getMessage());
        assertTrue(server.requests().size() >= 2, "retried: " + server.requests().size());
        assertFalse(Files.exists(cacheDir().resolve(toneSha)));
    }

    @Test
    void anEmergencysFileIsRetriedPastItsAirTimeUntilItsWindowCloses() throws Exception {
        // A server too busy to answer for about a second: past the air time, well inside the window.
        server.answerNext(7, Collections.nCopies(8, TestMediaServer.RENDITION_NOT_READY).toArray(TestMediaServer.Answer[]::new));
        Instant startAt = clock.instant().plusMillis(200);
        Order emergency = new Order(1, 5L, 7, toneSha, "/agent/media/7", MediaKind.AUDIO, 500,
                OffsetDateTime.ofInstant(startAt, TestOrders.HANOI), "EMERGENCY",
                OffsetDateTime.ofInstant(startAt.plusSeconds(10), TestOrders.HANOI));

        Path file = cache().await(emergency, emergency.playUntil().toInstant());

        assertArrayEquals(tone, Files.readAllBytes(file));
        assertEquals(9, server.requests().size());
    }

    @Test
    void aRenditionNotReadyYetIsCachedOnceTheServerHasMadeIt() throws Exception {
        server.answerNext(7, TestMediaServer.RENDITION_NOT_READY, TestMediaServer.RENDITION_NOT_READY);

        cache().prefetch(orderIn(Duration.ofSeconds(10), toneSha));

        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(cacheDir().resolve(toneSha)));
        assertArrayEquals(tone, Files.readAllBytes(cacheDir().resolve(toneSha)));
        assertEquals(3, server.requests().size());
    }

    @Test
    void aDamagedCopyIsFetchedAgainAndThePlayGetsGoodBytes() throws Exception {
        MediaCache cache = cache();
        Order order = orderIn(Duration.ofSeconds(3), toneSha);
        damageKeepingSizeAndTime(cached(cache, order));
        AtomicReference<byte[]> played = new AtomicReference<>();
        MediaSource watched = (o, deadline) -> {
            Path file = cache.await(o, deadline);
            played.set(bytesOf(file));
            return file;
        };

        player(watched).schedule(order);

        assertEquals("1:PLAYED", awaitFinalReport().reportId());
        assertArrayEquals(tone, played.get());
        assertEquals(2, server.requests().size());
    }

    @Test
    void aDamagedCopyThatCannotBeFetchedAgainIsNotPlayedButReportedFailed() throws Exception {
        MediaCache cache = cache();
        Order order = orderIn(Duration.ofSeconds(3), toneSha);
        damageKeepingSizeAndTime(cached(cache, order));
        server.close();

        player(cache).schedule(order);

        Report failed = awaitFinalReport();
        assertEquals("1:FAILED", failed.reportId());
        assertTrue(failed.reason().startsWith("media not ready: cached copy damaged (checksum mismatch); download "
                + "failed ("), failed.reason());
        assertFalse(Files.exists(cacheDir().resolve(toneSha)), "the damaged copy is gone");
    }

    @Test
    void aLargeFileIsHashedAheadOfItsPlayAndADamagedCopyFetchedAgain() throws Exception {
        MediaCache cache = cache(new MediaCache.Settings(2048 * MB, 0));
        Order order = orderIn(Duration.ofSeconds(10), toneSha);
        Path file = cached(cache, order);
        damageKeepingSizeAndTime(file);

        cache.checkAhead(order);

        await().atMost(Duration.ofSeconds(5)).until(() -> server.requests().size() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> Arrays.equals(tone, Files.readAllBytes(file)));
    }

    @Test
    void aLargeFileNotHashedLatelyIsHashedBeforeThePlay() throws Exception {
        Order order = orderIn(Duration.ofSeconds(10), toneSha);
        damageKeepingSizeAndTime(cached(cache(new MediaCache.Settings(2048 * MB, 0)), order));

        // A restart: the download's hash was in the last minutes, but this cache did not see it.
        Path file = cached(cache(new MediaCache.Settings(2048 * MB, 0)), order);

        assertArrayEquals(tone, Files.readAllBytes(file));
        assertEquals(2, server.requests().size());
    }

    @Test
    void aLargeFileWrittenSinceItsDownloadIsHashedAndFetchedAgain() throws Exception {
        MediaCache cache = cache(new MediaCache.Settings(2048 * MB, 0));
        Order order = orderIn(Duration.ofSeconds(10), toneSha);
        Path file = cached(cache, order);
        FileTime downloaded = Files.getLastModifiedTime(file);
        damageKeepingSizeAndTime(file);
        Files.setLastModifiedTime(file, FileTime.from(downloaded.toInstant().plusSeconds(60)));

        assertArrayEquals(tone, Files.readAllBytes(cached(cache, order)));
        assertEquals(2, server.requests().size());
    }

    @Test
    void aTruncatedCopyIsFetchedAgainAsSoonAsAnOrderNamesIt() throws Exception {
        MediaCache cache = cache(new MediaCache.Settings(2048 * MB, 0));
        Order order = orderIn(Duration.ofSeconds(10), toneSha);
        Path file = cached(cache, order);
        Files.write(file, Arrays.copyOf(tone, tone.length / 2));

        cache.prefetch(order);

        await().atMost(Duration.ofSeconds(5)).until(() -> server.requests().size() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.size(file) == tone.length);
        assertArrayEquals(tone, Files.readAllBytes(file));
    }

    @Test
    void theLeastRecentlyUsedFilesGoFirstAbandonedPartialDownloadsToo() throws Exception {
        String a = toneSha;
        String b = server.serve(8, toneBytes(550));
        String c = server.serve(9, toneBytes(660));
        Path abandonedPart = cacheDir().resolve("1".repeat(64) + ".part");
        Files.createDirectories(cacheDir());
        Files.write(abandonedPart, tone);
        Files.setLastModifiedTime(abandonedPart, FileTime.from(clock.instant().minus(Duration.ofHours(1))));
        MediaCache cache = cache(roomForTwoAndAHalfTones());
        cached(cache, order(7, a));
        cached(cache, order(8, b));
        cached(cache, order(7, a)); // Played again: now b is the older one.

        cached(cache, order(9, c));

        assertEquals(Set.of(a, c), mediaFiles());
    }

    @Test
    void aFileAHeldOrderNeedsIsSparedThoughLeastRecentlyUsed() throws Exception {
        String a = toneSha;
        String b = server.serve(8, toneBytes(550));
        String c = server.serve(9, toneBytes(660));
        MediaCache cache = cache(roomForTwoAndAHalfTones());
        needed.add(a);
        cached(cache, order(7, a));
        cached(cache, order(8, b));

        cached(cache, order(9, c));

        assertEquals(Set.of(a, c), mediaFiles());
    }

    @Test
    void filesThatHeldOrdersNeedStayEvenOverTheLimit() throws Exception {
        String a = toneSha;
        String b = server.serve(8, toneBytes(550));
        String c = server.serve(9, toneBytes(660));
        MediaCache cache = cache(roomForTwoAndAHalfTones());
        needed.addAll(List.of(a, b, c));

        cached(cache, order(7, a));
        cached(cache, order(8, b));
        cached(cache, order(9, c));

        assertEquals(Set.of(a, b, c), mediaFiles());
    }

    /** The tones are all of one length, so one size. */
    private MediaCache.Settings roomForTwoAndAHalfTones() {
        return new MediaCache.Settings(tone.length * 5L / 2, 32 * MB);
    }

    private Order order(long mediaId, String sha) {
        return new Order(mediaId, 5L, mediaId, sha, "/agent/media/" + mediaId, MediaKind.AUDIO, 500,
                OffsetDateTime.ofInstant(clock.instant().plusSeconds(10), TestOrders.HANOI), "NORMAL");
    }

    private Player player(MediaSource media) {
        AgentDatabase database = databases.open(dir);
        Reporting reporting = new Reporting(database, new PlayJournal(database, clock), new Outbox(database), clock);
        return new Player(clock, media, NullOutput.factory(), reporting, scheduler, Player.Settings.standard(),
                orderId -> { });
    }

    private Outbox outbox() {
        return new Outbox(databases.open(dir));
    }

    private Report awaitFinalReport() {
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox().pending().stream()
                .anyMatch(r -> !r.reportId().endsWith(":PLAYING")));
        return outbox().pending().stream().filter(r -> !r.reportId().endsWith(":PLAYING")).findFirst().orElseThrow();
    }

    private byte[] toneBytes(double hz) throws IOException {
        return Files.readAllBytes(TestMedia.tone(dir.resolve(hz + ".wav"), Duration.ofMillis(500), hz));
    }

    private static byte[] bytesOf(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One byte flipped in place, the modification time put back: only the hash can tell. */
    private static void damageKeepingSizeAndTime(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, modified);
    }

    /** The names of the files in the cache, partial downloads included, the index not. */
    private Set<String> mediaFiles() {
        try (Stream<Path> files = Files.list(cacheDir())) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
