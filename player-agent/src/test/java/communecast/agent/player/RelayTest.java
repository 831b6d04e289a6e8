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
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

    /** A stream down at the start: the fallback recording airs, the stream is tried again after it, the log says both. */
    @Test
    void aStreamDownAtTheStartGivesWayToItsFallbackRecording() throws Exception {
        Path recording = TestMedia.tone(dir.resolve("ban-tin.wav"), Duration.ofSeconds(2), 660);
        Outbox outbox = new Outbox(database());
        AtomicReference<Long> asked = new AtomicReference<>();
        Player player = new Player(clock, (order, deadline) -> {
            asked.set(order.mediaId());
            return recording;
        }, NullOutput.factory(), new Reporting(database(), new PlayJournal(database(), clock), outbox, clock),
                scheduler, Player.Settings.standard(), id -> { });
        player.schedule(new Order(5, 5L, 20, "0".repeat(64), "http://127.0.0.1:9/none", MediaKind.STREAM, 5000,
                OffsetDateTime.now(clock).plusSeconds(1), "NORMAL", null, new Order.Fallback(21, "1".repeat(64), "/agent/media/21", 2000)));

        await().atMost(Duration.ofSeconds(20)).until(() -> report(outbox, "5:PLAYED") != null || report(outbox, "5:FAILED") != null);
        Report played = report(outbox, "5:PLAYED");
        assertTrue(played != null, "the fallback aired, so the play did: " + report(outbox, "5:FAILED"));
        assertEquals(21L, asked.get(), "the fallback's file, not the stream's");
        assertTrue(played.reason().startsWith("stream down at the start (") && played.reason().contains("aired the fallback recording for 2 s")
                && played.reason().contains("relayed 0 s of 5 s"), played.reason());
    }

    /** A fallback whose file is not there airs nothing: the play failed, and says both why. */
    @Test
    void aFallbackThatCannotAirLeavesThePlayFailed() {
        Outbox outbox = new Outbox(database());
        Player player = new Player(clock, (order, deadline) -> {
            throw new MediaNotReadyException("not downloaded yet");
        }, NullOutput.factory(), new Reporting(database(), new PlayJournal(database(), clock), outbox, clock),
                scheduler, Player.Settings.standard(), id -> { });
        player.schedule(new Order(6, 5L, 20, "0".repeat(64), "http://127.0.0.1:9/none", MediaKind.STREAM, 3000,
                OffsetDateTime.now(clock).plusSeconds(1), "NORMAL", null, new Order.Fallback(21, "1".repeat(64), "/agent/media/21", 2000)));

        await().atMost(Duration.ofSeconds(20)).until(() -> report(outbox, "6:PLAYED") != null || report(outbox, "6:FAILED") != null);
        Report failed = report(outbox, "6:FAILED");
        assertTrue(failed != null, "nothing aired: " + report(outbox, "6:PLAYED"));
        assertTrue(failed.reason().startsWith("stream unreachable: ")
                && failed.reason().contains("fallback recording not aired (not downloaded yet)"), failed.reason());
    }

    /** Tried ahead of its window, the stream is down: a warning then, relayed at air time, and the log says both. */
    @Test
    void aStreamDownWhenTriedAheadIsStillRelayedWhenItComesBackAndTheLogSaysSo() throws Exception {
        byte[] tone = Files.readAllBytes(TestMedia.tone(dir.resolve("late.wav"), Duration.ofSeconds(3), 440));
        AtomicInteger tries = new AtomicInteger();
        OffsetDateTime airAt = OffsetDateTime.now(clock).plusSeconds(4);
        station.createContext("/late", exchange -> {
            tries.incrementAndGet();
            // Down until just before air time, however often FFmpeg asks again within one open.
            if (clock.instant().isBefore(airAt.toInstant().minusMillis(500))) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "audio/wav");
            exchange.sendResponseHeaders(200, tone.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(tone);
            }
        });
        Outbox outbox = new Outbox(database());
        Player player = new Player(clock, (order, deadline) -> {
            throw new MediaNotReadyException("a stream has no file");
        }, NullOutput.factory(), new Reporting(database(), new PlayJournal(database(), clock), outbox, clock),
                scheduler, new Player.Settings(Duration.ofMillis(1500), Duration.ofSeconds(30), Duration.ofSeconds(2)), id -> { });
        String url = "http://127.0.0.1:" + station.getAddress().getPort() + "/late";
        player.schedule(new Order(4, 5L, 0, "0".repeat(64), url, MediaKind.STREAM, 3000, airAt, "NORMAL"));

        await().atMost(Duration.ofSeconds(20)).until(() -> report(outbox, "4:PLAYED") != null || report(outbox, "4:FAILED") != null);
        Report played = report(outbox, "4:PLAYED");
        assertTrue(played != null, "relayed, not failed: " + report(outbox, "4:FAILED"));
        assertTrue(played.reason().startsWith("relayed ") && played.reason().contains("down when tried before air"), played.reason());
        assertTrue(tries.get() >= 2, "tried ahead, then at air time: " + tries.get());
    }

    /**
     * A live HLS playlist (a window of the three newest 2 s segments, moving on with the clock), whose server
     * answers 404 for 4 s from its first reload on, as a station's CDN does in an outage.
     */
    @Test
    void anHlsStationThatGoesAwayIsRelayedAgainWhenItComesBack() throws Exception {
        Path hls = Files.createDirectories(dir.resolve("hls"));
        List<Path> segments = TestMedia.hlsSegments(hls, Duration.ofSeconds(60), Duration.ofSeconds(2), 440);
        Instant onAirSince = clock.instant();
        AtomicInteger playlists = new AtomicInteger();
        AtomicReference<Instant> outageFrom = new AtomicReference<>();
        station.createContext("/vov1-hls/", exchange -> {
            Instant now = clock.instant();
            String name = exchange.getRequestURI().getPath().substring("/vov1-hls/".length());
            if (name.equals("live.m3u8") && playlists.incrementAndGet() == 2) {
                outageFrom.compareAndSet(null, now);
            }
            Instant outage = outageFrom.get();
            boolean down = outage != null && now.isBefore(outage.plusSeconds(4));
            byte[] body = down ? null : name.equals("live.m3u8")
                    ? livePlaylist(Duration.between(onAirSince, now), segments.size()).getBytes(StandardCharsets.UTF_8)
                    : name.matches("segment-[0-9]+\\.ts") ? Files.readAllBytes(hls.resolve(name)) : null;
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", name.endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : "video/mp2t");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        Outbox outbox = new Outbox(database());
        Player player = new Player(clock, (order, deadline) -> {
            throw new MediaNotReadyException("a stream has no file");
        }, NullOutput.factory(), new Reporting(database(), new PlayJournal(database(), clock), outbox, clock),
                scheduler, Player.Settings.standard(), id -> { });
        String url = "http://127.0.0.1:" + station.getAddress().getPort() + "/vov1-hls/live.m3u8";
        player.schedule(new Order(3, 5L, 0, "0".repeat(64), url, MediaKind.STREAM, 16_000,
                OffsetDateTime.now(clock).plusSeconds(1), "NORMAL"));

        await().atMost(Duration.ofSeconds(30)).until(() -> report(outbox, "3:PLAYED") != null || report(outbox, "3:FAILED") != null);
        Report played = report(outbox, "3:PLAYED");
        assertTrue(played != null, "relayed, not failed: " + report(outbox, "3:FAILED"));
        assertTrue(outageFrom.get() != null, "the playlist was reloaded: " + playlists.get() + " requests");
        assertTrue(played.reason().contains("gap"), "the outage is a gap: " + played.reason());
        long relayedSeconds = Long.parseLong(played.reason().replaceFirst("^relayed ([0-9]+) s of .*", "$1"));
        assertTrue(relayedSeconds >= 8 && relayedSeconds <= 12, "relayed before and after a 4 s outage in 16 s: " + played.reason());
        // From the drop until a retry (every 2 s) finds the station back: one gap of 4 to 6 s, not a gap per failed try.
        assertTrue(played.reason().matches(".*; 1 gap\\(s\\): [4-7] s"), played.reason());
    }

    /** What a live station lists {@code elapsed} after it went on air: its three newest segments. */
    private static String livePlaylist(Duration elapsed, int segments) {
        int newest = (int) Math.min(segments - 1, 2 + elapsed.toSeconds() / 2);
        StringBuilder playlist = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:"
                + (newest - 2) + "\n");
        for (int i = newest - 2; i <= newest; i++) {
            playlist.append("#EXTINF:2.0,\nsegment-").append(i).append(".ts\n");
        }
        return playlist.toString();
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
