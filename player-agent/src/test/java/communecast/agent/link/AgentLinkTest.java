package communecast.agent.link;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.Backoff;
import communecast.agent.Json;
import communecast.agent.ServerAddress;
import communecast.agent.Servers;
import communecast.agent.TestOrders;
import communecast.agent.db.AgentDatabase;
import communecast.agent.db.OpenedDatabases;
import communecast.agent.orders.OrderBook;
import communecast.agent.orders.OrderStore;
import communecast.agent.outbox.Outbox;
import communecast.agent.outbox.PlayStatus;
import communecast.agent.outbox.Report;
import communecast.agent.player.MediaNotReadyException;
import communecast.agent.player.NullOutput;
import communecast.agent.player.PlayJournal;
import communecast.agent.player.Player;
import communecast.agent.player.Reporting;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link's side of a conversation, with a hand-written WebSocket that records what is sent. */
class AgentLinkTest {

    @TempDir
    Path dir;

    private static final Duration HEARTBEAT = Duration.ofMillis(100);

    private final ObjectMapper mapper = Json.mapper();
    private final ServerClock clock = new ServerClock(Clock.systemDefaultZone());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RecordingSocket socket = new RecordingSocket();
    private final OpenedDatabases databases = new OpenedDatabases();
    private OrderStore store;
    private Outbox outbox;
    private OrderBook book;
    private AgentLink link;

    @BeforeEach
    void setUp() {
        AgentDatabase database = databases.open(dir);
        store = new OrderStore(database);
        outbox = new Outbox(database);
        Player player = new Player(clock, (order, deadline) -> {
            throw new MediaNotReadyException("not in this test");
        }, NullOutput.factory(), new Reporting(database, new PlayJournal(database, clock), outbox, clock),
                scheduler, Player.Settings.standard(), store::remove);
        book = new OrderBook(store, order -> { }, player);
        link = linkTo(servers("http://127.0.0.1:9"));
    }

    private static Servers servers(String... bases) {
        return new Servers(Stream.of(bases).map(ServerAddress::new).toList());
    }

    /** Beats every 100 ms, so a link silent for three beats is dead after 300 ms. */
    private AgentLink linkTo(Servers servers) {
        return linkTo(servers, Duration.ofSeconds(10));
    }

    private AgentLink linkTo(Servers servers, Duration helloAgain) {
        return new AgentLink(new AgentLink.Endpoint(servers, "tok", "0.1.0"), HttpClient.newHttpClient(),
                new MessageCodec(mapper), book, outbox, () -> new AgentStatus(5, 42L, 77L, null, 1024L, 4096L, "last problem", 31, true),
                command -> CommandHandler.Result.done("did " + command.name()), clock, scheduler,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60), new Random(1)),
                new AgentLink.Settings(HEARTBEAT, Duration.ofSeconds(60), helloAgain));
    }

    @AfterEach
    void stop() {
        link.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        databases.close();
    }

    /** Returns once the link has handled the message (it does so on the scheduler's one thread). */
    private void serverSays(String json) {
        link.onText(socket, json, true);
        try {
            scheduler.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the link did not handle " + json, e);
        }
    }

    private void openAndWelcome() {
        link.onOpen(socket);
        serverSays("{\"v\":1,\"type\":\"welcome\",\"deviceId\":12,\"serverTime\":\"%s\"}".formatted(OffsetDateTime.now()));
    }

    @Test
    void waitsForTheWelcomeThenSaysHelloAndSendsWhatIsUnacknowledged() {
        outbox.add(Report.of(1, PlayStatus.PLAYED, null, null, null));

        link.onOpen(socket);
        assertEquals(List.of(), socket.sent(), "the server speaks first");
        openAndWelcome();

        await().atMost(Duration.ofSeconds(2)).until(() -> !socket.ofType("report").isEmpty());
        assertEquals("hello", socket.sent().get(0).get("type").asText());
        assertEquals("0.1.0", socket.sent().get(0).get("agentVersion").asText());
        assertEquals("1:PLAYED", socket.ofType("report").getFirst().get("reportId").asText());
    }

    @Test
    void heartsBeatWithTheAgentsStatus() {
        openAndWelcome();

        await().atMost(Duration.ofSeconds(2)).until(() -> socket.ofType("heartbeat").size() >= 2);
        JsonNode beat = socket.ofType("heartbeat").getFirst();
        assertEquals(List.of(42L, 77L, 1024L, 4096L, 5L), List.of(beat.get("playingOrderId").asLong(), beat.get("nextOrderId").asLong(),
                beat.get("cacheBytes").asLong(), beat.get("freeDiskBytes").asLong(), beat.get("uptimeSeconds").asLong()));
        assertEquals("last problem", beat.get("lastError").asText());
    }

    @Test
    void aHelloLeftUnansweredIsSaidAgainEachTimeAfterTwiceTheWaitAndAnAnsweredOneIsNot() {
        link.close();
        link = linkTo(servers("http://127.0.0.1:9"), Duration.ofMillis(500));
        openAndWelcome();
        // The server keeps talking (this test's heartbeat would call a silent link dead within 300 ms) but never
        // answers hello: hello again after 0.5, 1 and 2 s, the next not before 4 s.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> serverKeepsTalking() && socket.ofType("hello").size() == 4);
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> serverKeepsTalking() && socket.ofType("hello").size() == 4);
        serverSays("{\"v\":1,\"type\":\"orders\",\"complete\":true,\"orders\":[]}");
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(50))
                .until(() -> serverKeepsTalking() && socket.ofType("hello").size() == 4);
    }

    private boolean serverKeepsTalking() {
        serverSays("{\"v\":1,\"type\":\"news\"}");
        return true;
    }

    @Test
    void answersCommandsAndResyncsByHelloAgain() {
        openAndWelcome();
        await().atMost(Duration.ofSeconds(2)).until(() -> socket.ofType("hello").size() == 1);
        serverSays("{\"v\":1,\"type\":\"command\",\"commandId\":17,\"name\":\"SET_VOLUME\",\"volume\":0.5}");
        serverSays("{\"v\":1,\"type\":\"command\",\"commandId\":18,\"name\":\"RESYNC\"}");

        await().atMost(Duration.ofSeconds(2)).until(() -> socket.ofType("commandResult").size() == 2);
        assertEquals("did SET_VOLUME", socket.ofType("commandResult").stream().filter(r -> r.get("commandId").asLong() == 17)
                .findFirst().orElseThrow().get("message").asText());
        assertEquals(2, socket.ofType("hello").size(), "RESYNC says hello again, so the server sends the complete list");
    }

    @Test
    void followsTheServersClockByTheTimeExchange() {
        openAndWelcome();
        await().atMost(Duration.ofSeconds(2)).until(() -> !socket.ofType("timeRequest").isEmpty());
        OffsetDateTime t0 = OffsetDateTime.parse(socket.ofType("timeRequest").getFirst().get("t0").asText());
        // A server 5 s ahead, answering at once: t1 = t2 = t0 + 5 s (plus the link's few milliseconds).
        OffsetDateTime serverTime = t0.plusSeconds(5);
        serverSays("{\"v\":1,\"type\":\"timeReply\",\"t0\":\"%s\",\"t1\":\"%s\",\"t2\":\"%s\"}".formatted(t0, serverTime, serverTime));

        await().atMost(Duration.ofSeconds(2)).until(() -> Math.abs(clock.offset().toMillis() - 5000) < 200);
        await().atMost(Duration.ofSeconds(2)).until(() -> socket.ofType("heartbeat").stream()
                .anyMatch(b -> Math.abs(b.get("clockOffsetMs").asLong() + 5000) < 200));
    }

    @Test
    void readsAMessageSplitOverFrames() {
        openAndWelcome();
        String orders = """
                {"v":1,"type":"orders","complete":false,"orders":[{"orderId":77,"campaignId":5,"mediaId":7,\
                "mediaSha256":"%s","mediaUrl":"/agent/media/7","mediaKind":"AUDIO","durationMs":2000,\
                "startAt":"%s","level":"NORMAL","futureField":1}]}""".formatted(TestOrders.SOME_SHA,
                OffsetDateTime.now(clock).plusHours(1));

        link.onText(socket, orders.substring(0, 40), false);
        link.onText(socket, orders.substring(40), true);

        await().atMost(Duration.ofSeconds(2)).until(() -> store.contains(77));
    }

    @Test
    void anAckClearsTheReport() {
        outbox.add(Report.of(1, PlayStatus.PLAYED, null, null, null));
        openAndWelcome();

        serverSays("{\"v\":1,\"type\":\"ack\",\"reportId\":\"1:PLAYED\",\"accepted\":true}");

        await().atMost(Duration.ofSeconds(2)).until(() -> outbox.pending().isEmpty());
    }

    @Test
    void aWithdrawDropsTheOrder() {
        openAndWelcome();
        serverSays(ordersMessage(Instant.now().plusSeconds(3600)));

        serverSays("{\"v\":1,\"type\":\"withdraw\",\"orderIds\":[77],\"reason\":\"campaign cancelled\"}");

        assertTrue(store.all().isEmpty());
    }

    @Test
    void anotherVersionIsAnsweredWithAnErrorAndIgnored() {
        openAndWelcome();

        serverSays(ordersMessage(Instant.now().plusSeconds(3600)).replace("\"v\":1", "\"v\":2"));

        await().atMost(Duration.ofSeconds(2)).until(() -> !socket.ofType("error").isEmpty());
        assertEquals("UNSUPPORTED_VERSION", socket.ofType("error").getFirst().get("code").asText());
        assertTrue(store.all().isEmpty());
    }

    @Test
    void unknownTypesAndBrokenTextAreIgnored() {
        openAndWelcome();

        serverSays("{\"v\":1,\"type\":\"festival\",\"lanterns\":3}");
        serverSays("{not json");
        serverSays(ordersMessage(Instant.now().plusSeconds(3600)));

        await().atMost(Duration.ofSeconds(2)).until(() -> store.contains(77));
    }

    @Test
    void aWelcomeFarFromOurClockMovesIt() {
        link.onOpen(socket);

        serverSays("{\"v\":1,\"type\":\"welcome\",\"deviceId\":12,\"serverTime\":\"%s\"}"
                .formatted(OffsetDateTime.now().plusSeconds(120)));

        await().atMost(Duration.ofSeconds(2)).until(() -> Math.abs(clock.offset().toSeconds() - 120) <= 1);
    }

    @Test
    void aLinkSilentForThreeHeartbeatsIsDroppedAndMadeAnew() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            link = linkTo(servers("http://127.0.0.1:" + server.getLocalPort()));
            Instant welcomed = Instant.now();
            openAndWelcome();

            await().atMost(Duration.ofSeconds(2)).until(() -> socket.abortedAt() != null);
            Duration silence = Duration.between(welcomed, socket.abortedAt());
            assertTrue(silence.compareTo(HEARTBEAT.multipliedBy(3)) >= 0, "dropped after " + silence);
            assertTrue(socket.pings() >= 2, socket.pings() + " pings");
            server.setSoTimeout(3000);
            try (Socket again = server.accept()) {
                assertTrue(again.isConnected(), "the link connects again");
            }
        }
    }

    @Test
    void aServerDownOrDroppingTheLinkSendsTheAgentToTheNextOfItsList() throws IOException {
        int downPort = closedPort();
        try (TestLinkServer b = new TestLinkServer(0)) {
            Servers servers = servers("http://127.0.0.1:" + downPort, b.address().toString());
            link.close();
            link = linkTo(servers);
            link.start();

            // A refuses: B after one short delay, not after a growing backoff.
            await().atMost(Duration.ofSeconds(3)).until(() -> b.received("hello").size() == 1);
            assertEquals(b.address(), servers.current());

            try (TestLinkServer a = new TestLinkServer(downPort)) {
                b.close();

                await().atMost(Duration.ofSeconds(3)).until(() -> a.received("hello").size() == 1);
                assertEquals(a.address(), servers.current());
                assertEquals(List.of("Device tok"), a.authorizations());
            }
        }
    }

    /** A loopback port nothing listens on: a server node that is down. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void pongsKeepAQuietLinkAlive() {
        socket.answerPings();
        openAndWelcome();

        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> socket.abortedAt() == null);
        assertTrue(socket.pings() >= 5, socket.pings() + " pings");
    }

    @Test
    void aLinkOpeningWhileTheAgentStopsIsClosedAtOnce() {
        link.close();

        openAndWelcome();

        assertTrue(socket.closeSent(), "closed at once");
        assertEquals(List.of(), socket.sent());
    }

    private String ordersMessage(Instant startAt) {
        try {
            return mapper.writeValueAsString(new Messages.Orders(1, "orders", false,
                    List.of(TestOrders.audio(77, startAt))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A WebSocket that keeps what the agent sends. */
    private final class RecordingSocket implements java.net.http.WebSocket {
        private final List<String> texts = new CopyOnWriteArrayList<>();
        private final AtomicInteger pings = new AtomicInteger();
        private volatile boolean answersPings;
        private volatile boolean closeSent;
        private volatile Instant abortedAt;

        /** From now on the "server" answers each ping with a pong. */
        void answerPings() {
            answersPings = true;
        }

        int pings() {
            return pings.get();
        }

        boolean closeSent() {
            return closeSent;
        }

        Instant abortedAt() {
            return abortedAt;
        }

        List<JsonNode> sent() {
            return texts.stream().map(this::tree).toList();
        }

        List<JsonNode> ofType(String type) {
            return sent().stream().filter(m -> m.path("type").asText().equals(type)).toList();
        }

        private JsonNode tree(String text) {
            try {
                return mapper.readTree(text);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public CompletableFuture<java.net.http.WebSocket> sendText(CharSequence data, boolean last) {
            texts.add(data.toString());
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<java.net.http.WebSocket> sendBinary(ByteBuffer data, boolean last) {
            throw new UnsupportedOperationException("the protocol is text only");
        }

        @Override
        public CompletableFuture<java.net.http.WebSocket> sendPing(ByteBuffer message) {
            pings.incrementAndGet();
            if (answersPings) {
                link.onPong(this, message);
            }
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<java.net.http.WebSocket> sendPong(ByteBuffer message) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<java.net.http.WebSocket> sendClose(int statusCode, String reason) {
            closeSent = true;
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public void request(long n) {
            // Every message is delivered by the test itself.
        }

        @Override
        public String getSubprotocol() {
            return "";
        }

        @Override
        public boolean isOutputClosed() {
            return false;
        }

        @Override
        public boolean isInputClosed() {
            return false;
        }

        @Override
        public void abort() {
            abortedAt = Instant.now();
        }
    }
}
