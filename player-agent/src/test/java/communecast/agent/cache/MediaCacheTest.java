package communecast.agent.cache;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import communecast.agent.Backoff;
import communecast.agent.ServerAddress;
import communecast.agent.TestOrders;
import communecast.agent.orders.Order;
import communecast.agent.player.MediaNotReadyException;
import communecast.media.Sha256;
import communecast.media.testing.TestMedia;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real HTTP server on the loopback serves a generated tone, as the server's media endpoint would. */
class MediaCacheTest {

    private static final String TOKEN = "dvt_test";

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemDefaultZone();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService downloads = Executors.newFixedThreadPool(2);
    private volatile int status = 200;
    private HttpServer server;
    private byte[] tone;
    private String toneSha;

    @BeforeEach
    void serveATone() throws IOException {
        Path file = TestMedia.tone(dir.resolve("tone.wav"), Duration.ofMillis(500), 440);
        tone = Files.readAllBytes(file);
        toneSha = Sha256.hex(file);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/agent/media/7", exchange -> {
            requests.incrementAndGet();
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = status == 200 ? tone : "{\"code\":\"UNAVAILABLE\"}".getBytes();
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        scheduler.shutdownNow();
        downloads.shutdownNow();
    }

    private MediaCache cache() {
        ServerAddress address = new ServerAddress("http://127.0.0.1:" + server.getAddress().getPort());
        MediaDownloader downloader = new MediaDownloader(HttpClient.newHttpClient(), address, TOKEN);
        return new MediaCache(dir.resolve("cache"), downloader, clock, downloads, scheduler,
                () -> new Backoff(Duration.ofMillis(100), Duration.ofMillis(200), new Random(1)));
    }

    private Order orderIn(Duration lead, String sha) {
        return TestOrders.audio(1, clock.instant().plus(lead), sha);
    }

    @Test
    void aGoodFileIsCachedUnderItsHashWithTheDeviceToken() throws Exception {
        Order order = orderIn(Duration.ofSeconds(10), toneSha);

        Path cached = cache().await(order, clock.instant().plusSeconds(5));

        assertEquals(dir.resolve("cache").resolve(toneSha), cached);
        assertArrayEquals(tone, Files.readAllBytes(cached));
        assertEquals(List.of("Device " + TOKEN), authorizations);
    }

    @Test
    void aCachedFileIsNotFetchedAgain() throws Exception {
        Order order = orderIn(Duration.ofSeconds(10), toneSha);
        cache().prefetch(order);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dir.resolve("cache").resolve(toneSha)));

        cache().await(order, clock.instant().plusSeconds(5));

        assertEquals(1, requests.get());
    }

    @Test
    void aWrongHashIsNeverCachedAndIsRetriedUntilAirTime() {
        String wrongSha = "0".repeat(64);
        Order order = orderIn(Duration.ofMillis(1500), wrongSha);

        MediaNotReadyException e = assertThrows(MediaNotReadyException.class,
                () -> cache().await(order, order.startAt().toInstant()));

        assertTrue(e.getMessage().startsWith("checksum mismatch"), e.getMessage());
        assertTrue(requests.get() >= 2, "retried: " + requests.get());
        assertEquals(List.of(), filesIn(dir.resolve("cache")));
    }

    @Test
    void anHttpErrorIsRetriedThenNamedInTheReason() {
        status = 503;
        Order order = orderIn(Duration.ofMillis(800), toneSha);

        MediaNotReadyException e = assertThrows(MediaNotReadyException.class,
                () -> cache().await(order, order.startAt().toInstant()));

        assertEquals("download failed (HTTP 503)", e.getMessage());
        assertTrue(requests.get() >= 2, "retried: " + requests.get());
        assertFalse(Files.exists(dir.resolve("cache").resolve(toneSha)));
    }

    @Test
    void aRetryThatSucceedsBeforeAirTimeIsCached() throws Exception {
        status = 503;
        Order order = orderIn(Duration.ofSeconds(10), toneSha);
        MediaCache cache = cache();
        cache.prefetch(order);
        await().atMost(Duration.ofSeconds(3)).until(() -> requests.get() >= 1);

        status = 200;
        Path cached = cache.await(order, clock.instant().plusSeconds(5));

        assertArrayEquals(tone, Files.readAllBytes(cached));
    }

    private static List<Path> filesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
