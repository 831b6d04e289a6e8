package communecast.agent.player;

import communecast.agent.db.AgentDatabase;
import communecast.agent.db.OpenedDatabases;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import communecast.agent.Json;
import communecast.agent.orders.Order;
import communecast.agent.outbox.Outbox;
import communecast.agent.outbox.Report;
import communecast.media.MediaKind;
import communecast.media.testing.TestMedia;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiếp sóng against a stream served here over HTTP that drops once: relayed, reconnected, gaps counted. */
class RelayTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemDefaultZone();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer station;

    @BeforeEach
    void startStation() throws Exception {
        byte[] tone = Files.readAllBytes(TestMedia.tone(dir.resolve("vov.wav"), Duration.ofSeconds(2), 440));
        station = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        station.createContext("/vov1", exchange -> {
            boolean drop = requests.incrementAndGet() == 1;
            exchange.getResponseHeaders().add("Content-Type", "audio/wav");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                // The first listener is cut off half way, as a 4G link does.
                body.write(tone, 0, drop ? tone.length / 2 : tone.length);
            }
        });
        station.start();
    }

    @AfterEach
    void stop() {
        databases.close();
        station.stop(0);
        scheduler.shutdownNow();
    }

    @Test
    void aDroppedStreamIsReconnectedAndTheLogSaysWhatWasRelayed() {
        Outbox outbox = new Outbox(database());
        Player player = new Player(clock, (order, deadline) -> {
            throw new MediaNotReadyException("a stream has no file");
        }, NullOutput.factory(), new Reporting(database(), new PlayJournal(database(), clock), outbox, clock),
                scheduler, Player.Settings.standard(), id -> { });
        String url = "http://127.0.0.1:" + station.getAddress().getPort() + "/vov1";
        player.schedule(new Order(1, 5L, 0, "0".repeat(64), url, MediaKind.STREAM, 6000,
                OffsetDateTime.now(clock).plusSeconds(1), "NORMAL"));

        await().atMost(Duration.ofSeconds(15)).until(() -> report(outbox, "1:PLAYED") != null);
        Report played = report(outbox, "1:PLAYED");
        assertTrue(played.reason().startsWith("relayed "), played.reason());
        assertTrue(played.reason().contains("gap"), "the drop and the end of each 2 s stream are gaps: " + played.reason());
        assertTrue(requests.get() >= 2, "reconnected after the drop: " + requests.get() + " requests");
        long length = Duration.between(played.startedAt(), played.endedAt()).toMillis();
        assertTrue(Math.abs(length - 6000) < 1500, "the window lasted " + length + " ms");
        assertEquals(null, report(outbox, "1:FAILED"));
    }

    @Test
    void aStreamNeverReachedFailsWithWhy() {
        Outbox outbox = new Outbox(database());
        Player player = new Player(clock, (order, deadline) -> {
            throw new MediaNotReadyException("a stream has no file");
        }, NullOutput.factory(), new Reporting(database(), new PlayJournal(database(), clock), outbox, clock),
                scheduler, Player.Settings.standard(), id -> { });
        player.schedule(new Order(2, 5L, 0, "0".repeat(64), "http://127.0.0.1:9/none", MediaKind.STREAM, 3000,
                OffsetDateTime.now(clock).plusSeconds(1), "NORMAL"));

        await().atMost(Duration.ofSeconds(15)).until(() -> report(outbox, "2:FAILED") != null);
        assertTrue(report(outbox, "2:FAILED").reason().startsWith("stream unreachable: "), report(outbox, "2:FAILED").reason());
    }

    private static Report report(Outbox outbox, String reportId) {
        return outbox.pending().stream().filter(r -> r.reportId().equals(reportId)).findFirst().orElse(null);
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
