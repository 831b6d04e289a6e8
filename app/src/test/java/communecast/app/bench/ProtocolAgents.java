package communecast.app.bench;

import static communecast.app.bench.ProtocolMessages.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import communecast.app.bench.ProtocolMessages.Order;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N simulated agents at the protocol level only (docs/protocol.md), for benchmarks: each is one {@link Link}
 * object on {@link java.net.http.WebSocket}, and all share a few threads (one scheduler, a small executor for
 * the WebSocket callbacks, one selector per HTTP client), so 10,000 of them cost the machine little beside the
 * server they measure. Not the shipped agent: nothing is decoded or played; a play is two timers (PLAYING at
 * its {@code startAt}, PLAYED after its {@code durationMs}), one play at a time is not enforced, and each media
 * file is fetched once for the whole JVM. Every order's arrival is stamped on this JVM's clock.
 */
final class ProtocolAgents implements AutoCloseable {
    /** A device as enrolled: its id and its token. */
    record Device(long deviceId, String token) {
    }

    /** One order as a link got it, with this JVM's stamps (System.nanoTime; -1 while not yet). */
    static final class Play {
        final long deviceId;
        final Order order;
        final long arrivedNanos;
        final Instant arrivedAt;
        volatile long withdrawnNanos = -1;
        volatile long playingAckedNanos = -1;
        volatile long finalAckedNanos = -1;
        volatile String finalStatus;
        Instant startedAt;
        ScheduledFuture<?> start;
        ScheduledFuture<?> end;
        boolean onAir;
        boolean over;

        Play(long deviceId, Order order, long arrivedNanos, Instant arrivedAt) {
            this.deviceId = deviceId;
            this.order = order;
            this.arrivedNanos = arrivedNanos;
            this.arrivedAt = arrivedAt;
        }
    }

    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Duration SILENT_LINK = HEARTBEAT.multipliedBy(3);
    private static final Duration WELCOME_WAIT = Duration.ofSeconds(10);
    /** Hello again while unanswered: 10, 20, 40, 80 and 160 s after the link opened, then every 160 s. */
    private static final long[] HELLO_AGAIN_S = {10, 20, 40, 80, 160};
    private static final long START_NANOS = System.nanoTime();

    private final URI server;
    private final List<URI> webSockets;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService callbacks;
    private final List<HttpClient> clients = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final Duration resendAfter;
    private final int connectAtOnce;
    /** Links waiting for one of the {@code connectAtOnce} slots of opening (upgrade until welcome). */
    private final Queue<Link> waiting = new ArrayDeque<>();
    private int opening;
    /** One download per file for the whole JVM: SHA-256 → its size once fetched and checked. */
    private final Map<String, CompletableFuture<Long>> media = new ConcurrentHashMap<>();
    private final AtomicLong cacheBytes = new AtomicLong();
    private final long freeDiskBytes;
    private final ConcurrentLinkedQueue<Play> plays = new ConcurrentLinkedQueue<>();
    private final AtomicInteger linked = new AtomicInteger();
    final AtomicInteger reconnects = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger resent = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    final AtomicInteger downloads = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param threads       threads for the WebSocket callbacks, and as many HTTP clients (each one selector thread)
     * @param connectAtOnce links opening at the same time: 10,000 upgrades at once would measure the accept queue
     */
    ProtocolAgents(URI server, List<Device> devices, int threads, int connectAtOnce, Duration resendAfter) throws IOException {
        this(List.of(server), devices, threads, connectAtOnce, resendAfter);
    }

    /** The devices' links spread over {@code servers} in turn (nodes of one cluster); media from the first. */
    ProtocolAgents(List<URI> servers, List<Device> devices, int threads, int connectAtOnce, Duration resendAfter) throws IOException {
        this.server = servers.getFirst();
        this.webSockets = servers.stream().map(s -> URI.create(s.toString().replaceFirst("^http", "ws") + "/agent/ws")).toList();
        this.connectAtOnce = connectAtOnce;
        this.resendAfter = resendAfter;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("agents-timer").daemon().factory());
        this.callbacks = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("agents-io-", 0).daemon().factory());
        for (int i = 0; i < threads; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks)
                    .connectTimeout(Duration.ofSeconds(10)).build());
        }
        for (int i = 0; i < devices.size(); i++) {
            links.add(new Link(devices.get(i), clients.get(i % threads), webSockets.get(i % webSockets.size())));
        }
        this.freeDiskBytes = Files.getFileStore(Path.of(".")).getUsableSpace();
    }

    void start() {
        synchronized (waiting) {
            waiting.addAll(links);
        }
        pump();
    }

    /** Links whose last hello got its complete order list: the server holds them as linked. */
    int linked() {
        return linked.get();
    }

    int size() {
        return links.size();
    }

    /** Every order received so far, in arrival order. */
    List<Play> plays() {
        return List.copyOf(plays);
    }

    /** Per device, the order ids of the last complete list it got, as listed (an id sent twice shows twice). */
    Map<Long, List<Long>> completeLists() {
        Map<Long, List<Long>> lists = new HashMap<>();
        for (Link link : links) {
            synchronized (link) {
                lists.put(link.device.deviceId(), link.lastList);
            }
        }
        return lists;
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        for (Link link : links) {
            link.abort();
        }
        callbacks.shutdownNow();
        clients.forEach(HttpClient::shutdownNow);
    }

    // ---------------------------------------------------------------- opening links, a few at a time

    private void queue(Link link) {
        synchronized (waiting) {
            waiting.add(link);
        }
        pump();
    }

    private void pump() {
        List<Link> now = new ArrayList<>();
        synchronized (waiting) {
            while (opening < connectAtOnce && !waiting.isEmpty()) {
                opening++;
                now.add(waiting.poll());
            }
        }
        now.forEach(Link::connect);
    }

    /** An opening slot is free. Called under a Link's monitor, so the next links open from the timer thread, not here. */
    private void opened() {
        synchronized (waiting) {
            opening--;
        }
        try {
            scheduler.execute(this::pump);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    // ---------------------------------------------------------------- media: one download per file for all links

    /** Completes when the file is here: at once if this JVM has it, else after the one download all links share. */
    private CompletableFuture<Long> fetch(Order order, String token) {
        if (order.mediaSha256() == null || "STREAM".equals(order.mediaKind())) {
            return CompletableFuture.completedFuture(0L); // a relay: nothing is fetched ahead
        }
        CompletableFuture<Long> mine = new CompletableFuture<>();
        CompletableFuture<Long> shared = media.putIfAbsent(order.mediaSha256(), mine);
        if (shared != null) {
            return shared;
        }
        downloads.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(server.resolve(order.mediaUrl())).header("Authorization", "Device " + token)
                .timeout(Duration.ofMinutes(5)).build();
        clients.getFirst().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
            String problem = failure != null ? "download failed (" + failure + ")"
                    : response.statusCode() != 200 ? "download failed (HTTP " + response.statusCode() + ")"
                    : !order.mediaSha256().equals(response.headers().firstValue("X-Content-SHA256").orElse(null)) ? "wrong X-Content-SHA256"
                    : !order.mediaSha256().equals(sha256(response.body())) ? "wrong SHA-256" : null;
            if (problem == null) {
                cacheBytes.addAndGet(response.body().length);
                mine.complete((long) response.body().length);
            } else {
                media.remove(order.mediaSha256(), mine); // the next order that needs it tries again
                mine.completeExceptionally(new IOException(problem));
            }
        });
        return mine;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ScheduledFuture<?> later(Duration delay, Runnable task) {
        try {
            return scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null; // closing
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    // ---------------------------------------------------------------- one link

    /** One simulated device: its link and what it holds. Every field is guarded by the Link's monitor. */
    private final class Link {
        private final Device device;
        private final HttpClient client;
        private final URI webSocket;
        /** Orders it got, by orderId: each plays once, however often it is sent. */
        private final Map<Long, Play> orders = new HashMap<>();
        /** Reports not acknowledged yet, by reportId: the message and when it was last sent (nanoTime). */
        private final Map<String, ObjectNode> unacked = new LinkedHashMap<>();
        private final Map<String, Long> sentAt = new HashMap<>();
        private List<Long> lastList = List.of();
        private WebSocket socket;
        private CompletableFuture<WebSocket> sending;
        /** Bumped on each new link, so a timer of an older link does nothing. */
        private int generation;
        private long openedNanos;
        private long lastHeardNanos;
        private boolean welcomed;
        private boolean answered;
        private long backoffMs = 1000;
        private ScheduledFuture<?> heartbeat;
        private ScheduledFuture<?> helloAgain;
        private final long[] offsets = new long[8];
        private final long[] roundTrips = new long[8];
        private int samples;
        private String lastError;

        Link(Device device, HttpClient client, URI webSocket) {
            this.device = device;
            this.client = client;
            this.webSocket = webSocket;
        }

        void connect() {
            int gen;
            synchronized (this) {
                gen = ++generation;
                openedNanos = System.nanoTime();
            }
            later(WELCOME_WAIT, () -> {
                synchronized (this) {
                    if (gen == generation && !welcomed) {
                        lost(gen, "no welcome within " + WELCOME_WAIT.toSeconds() + " s");
                    }
                }
            });
            client.newWebSocketBuilder().header("Authorization", "Device " + device.token()).connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(webSocket, new Attempt(gen)).whenComplete((ws, failure) -> {
                        if (failure != null) {
                            synchronized (this) {
                                lost(gen, "cannot link: " + failure.getMessage());
                            }
                        }
                    });
        }

        /** The callbacks of one WebSocket: those of a link given up on (an older generation) do nothing. */
        private final class Attempt implements WebSocket.Listener {
            private final int gen;
            private final StringBuilder partial = new StringBuilder();

            Attempt(int gen) {
                this.gen = gen;
            }

            @Override
            public void onOpen(WebSocket ws) {
                synchronized (Link.this) {
                    if (gen != generation) {
                        ws.abort();
                        return;
                    }
                    socket = ws;
                    sending = CompletableFuture.completedFuture(ws);
                    lastHeardNanos = System.nanoTime();
                }
                ws.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    try {
                        receive(gen, JSON.readTree(text), System.nanoTime());
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                        synchronized (Link.this) {
                            lastError = "cannot read a message: " + e;
                        }
                    }
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
                heard();
                return WebSocket.Listener.super.onPing(ws, message); // the JDK answers the pong
            }

            @Override
            public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
                heard();
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                synchronized (Link.this) {
                    lost(gen, "closed by the server: " + statusCode + " " + reason);
                }
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                synchronized (Link.this) {
                    lost(gen, "link failed: " + error);
                }
            }
        }

        private synchronized void heard() {
            lastHeardNanos = System.nanoTime();
        }

        /** The link is gone: stop its timers and link again after the backoff (1 s doubling to 60 s, with jitter). */
        private void lost(int gen, String why) {
            if (gen != generation || closed) {
                return;
            }
            boolean wasOpening = !welcomed;
            generation++;
            lastError = why;
            if (answered) {
                linked.decrementAndGet();
            }
            answered = false;
            welcomed = false;
            cancel(heartbeat);
            cancel(helloAgain);
            if (socket != null) {
                socket.abort();
                socket = null;
            }
            if (wasOpening) {
                opened(); // its opening slot is free
            }
            reconnects.incrementAndGet();
            long delay = backoffMs + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
            backoffMs = Math.min(60_000, backoffMs * 2);
            later(Duration.ofMillis(delay), () -> queue(this));
        }

        void abort() {
            WebSocket ws;
            synchronized (this) {
                generation++;
                ws = socket;
            }
            if (ws != null) {
                ws.abort();
            }
        }

        /** Frames go out one after another: java.net.http.WebSocket allows one outstanding send. */
        private void send(ObjectNode message) {
            if (socket == null) {
                return; // kept reports go out on the next link
            }
            int gen = generation;
            String text = message.toString();
            sending = sending.thenCompose(ws -> ws.sendText(text, true));
            sending.whenComplete((ws, failure) -> {
                if (failure != null) {
                    synchronized (this) {
                        lost(gen, "cannot send: " + failure);
                    }
                }
            });
        }

        private void receive(int gen, JsonNode m, long nanos) {
            synchronized (this) {
                if (gen != generation) {
                    return;
                }
                lastHeardNanos = nanos;
                switch (m.path("type").asText()) {
                    case "welcome" -> welcome();
                    case "orders" -> orders(m, nanos);
                    case "withdraw" -> m.path("orderIds").forEach(id -> withdraw(id.asLong(), m.path("reason").asText("")));
                    case "ack" -> ack(m.path("reportId").asText(), m.path("accepted").asBoolean(), nanos);
                    case "timeReply" -> timeReply(m);
                    case "command" -> command(m);
                    case "error" -> {
                        errors.incrementAndGet();
                        lastError = "server error: " + m;
                    }
                    default -> {
                        // unknown types are ignored (docs/protocol.md, "Rules")
                    }
                }
            }
        }

        private void welcome() {
            if (welcomed) {
                return;
            }
            welcomed = true;
            opened();
            send(ProtocolMessages.timeRequest(Instant.now()));
            hello();
            scheduleHelloAgain(0);
            // Reports kept from the last link go out again on this one.
            unacked.keySet().forEach(id -> sentAt.put(id, System.nanoTime()));
            resent.addAndGet(unacked.size());
            unacked.values().forEach(this::send);
            // Staggered: a random first beat within the period, so 10,000 links do not beat together.
            long first = ThreadLocalRandom.current().nextLong(HEARTBEAT.toMillis());
            int gen = generation;
            heartbeat = scheduler.scheduleAtFixedRate(() -> beat(gen), first, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void hello() {
            send(ProtocolMessages.hello(Instant.now()));
        }

        private void scheduleHelloAgain(int step) {
            long at = step < HELLO_AGAIN_S.length ? HELLO_AGAIN_S[step] : HELLO_AGAIN_S[HELLO_AGAIN_S.length - 1] * (step - 3);
            int gen = generation;
            long due = openedNanos + TimeUnit.SECONDS.toNanos(at);
            helloAgain = later(Duration.ofNanos(due - System.nanoTime()), () -> {
                synchronized (this) {
                    if (gen == generation && !answered) {
                        hello();
                        scheduleHelloAgain(step + 1);
                    }
                }
            });
        }

        private void orders(JsonNode m, long nanos) {
            Instant at = Instant.now();
            List<Long> listed = new ArrayList<>();
            for (JsonNode o : m.path("orders")) {
                Order order = Order.of(o);
                listed.add(order.orderId());
                if (!orders.containsKey(order.orderId())) {
                    Play play = new Play(device.deviceId(), order, nanos, at);
                    orders.put(order.orderId(), play);
                    plays.add(play);
                    prepare(play);
                }
            }
            if (m.path("complete").asBoolean()) {
                lastList = listed;
                // The complete list: held orders not in it that have not started are dropped.
                orders.values().stream().filter(p -> !p.onAir && !p.over && !listed.contains(p.order.orderId())).toList()
                        .forEach(p -> drop(p));
                if (!answered) {
                    answered = true;
                    backoffMs = 1000;
                    linked.incrementAndGet();
                }
            }
        }

        /** Media first (cached, or the one shared download), then PLAYING at startAt. */
        private void prepare(Play play) {
            fetch(play.order, device.token()).whenComplete((size, failure) -> {
                synchronized (this) {
                    if (play.over) {
                        return; // withdrawn meanwhile
                    }
                    Instant now = Instant.now();
                    if (failure != null) {
                        finish(play, "FAILED", null, now, "media not ready: " + failure.getMessage());
                    } else if (now.isAfter(play.order.lateLimit())) {
                        finish(play, "FAILED", null, now, "media not ready: still downloading");
                    } else {
                        play.start = later(Duration.between(now, play.order.startAt()), () -> begin(play));
                    }
                }
            });
        }

        private synchronized void begin(Play play) {
            if (play.over) {
                return;
            }
            play.onAir = true;
            play.startedAt = Instant.now();
            report(ProtocolMessages.report(play.order.orderId(), "PLAYING", play.startedAt, null, null));
            play.end = later(Duration.ofMillis(play.order.durationMs()), () -> {
                synchronized (this) {
                    if (!play.over) {
                        finish(play, "PLAYED", play.startedAt, Instant.now(), null);
                    }
                }
            });
        }

        private void finish(Play play, String status, Instant startedAt, Instant endedAt, String reason) {
            play.over = true;
            play.onAir = false;
            report(ProtocolMessages.report(play.order.orderId(), status, startedAt, endedAt, reason));
        }

        private void drop(Play play) {
            play.over = true;
            cancel(play.start);
        }

        private void withdraw(long orderId, String reason) {
            Play play = orders.get(orderId);
            if (play == null || play.over) {
                return;
            }
            play.withdrawnNanos = System.nanoTime();
            cancel(play.start);
            cancel(play.end);
            if (play.onAir) {
                finish(play, "PREEMPTED", play.startedAt, Instant.now(), "withdrawn: " + reason);
            } else {
                play.over = true; // not started: nothing to report
            }
        }

        private void report(ObjectNode report) {
            String id = report.get("reportId").asText();
            unacked.put(id, report);
            sentAt.put(id, System.nanoTime());
            send(report);
        }

        private void ack(String reportId, boolean accepted, long nanos) {
            if (unacked.remove(reportId) == null) {
                return;
            }
            sentAt.remove(reportId);
            if (!accepted) {
                rejected.incrementAndGet(); // the server will never take it: dropped all the same
                return;
            }
            int colon = reportId.indexOf(':');
            Play play = orders.get(Long.parseLong(reportId.substring(0, colon)));
            String status = reportId.substring(colon + 1);
            if (play != null && status.equals("PLAYING")) {
                play.playingAckedNanos = nanos;
            } else if (play != null) {
                play.finalStatus = status;
                play.finalAckedNanos = nanos;
            }
        }

        private void timeReply(JsonNode m) {
            Instant t0 = ProtocolMessages.instant(m, "t0");
            Instant t3 = Instant.now();
            int slot = samples++ % offsets.length;
            offsets[slot] = ProtocolMessages.serverAheadMs(t0, ProtocolMessages.instant(m, "t1"), ProtocolMessages.instant(m, "t2"), t3);
            roundTrips[slot] = ProtocolMessages.roundTripMs(t0, ProtocolMessages.instant(m, "t1"), ProtocolMessages.instant(m, "t2"), t3);
        }

        /** This clock minus the server's, from the sample with the shortest round trip among the last eight. */
        private Long clockOffsetMs() {
            int best = -1;
            for (int i = 0; i < Math.min(samples, offsets.length); i++) {
                if (best < 0 || roundTrips[i] < roundTrips[best]) {
                    best = i;
                }
            }
            return best < 0 ? null : -offsets[best];
        }

        private void command(JsonNode m) {
            long id = m.path("commandId").asLong();
            switch (m.path("name").asText()) {
                case "RESYNC" -> {
                    hello();
                    send(ProtocolMessages.commandResult(id, true, "hello sent again"));
                }
                case "SET_VOLUME" -> send(ProtocolMessages.commandResult(id, true, "volume set to " + m.path("volume").asText()));
                default -> send(ProtocolMessages.commandResult(id, false, "not supported by the load generator"));
            }
        }

        /** Every 30 s: a dead link is dropped; else heartbeat, clock exchange, ping, and reports unacknowledged too long. */
        private void beat(int gen) {
            synchronized (this) {
                if (gen != generation || socket == null) {
                    return;
                }
                long now = System.nanoTime();
                if (now - lastHeardNanos > SILENT_LINK.toNanos()) {
                    lost(gen, "no word from the server for " + SILENT_LINK.toSeconds() + " s");
                    return;
                }
                Play playing = orders.values().stream().filter(p -> p.onAir).findFirst().orElse(null);
                Play next = orders.values().stream().filter(p -> !p.onAir && !p.over)
                        .min((a, b) -> a.order.startAt().compareTo(b.order.startAt())).orElse(null);
                send(ProtocolMessages.heartbeat(Instant.now(), playing == null ? null : playing.order.orderId(),
                        TimeUnit.NANOSECONDS.toSeconds(now - START_NANOS), next == null ? null : next.order.orderId(),
                        next == null ? null : next.order.startAt(), cacheBytes.get(), freeDiskBytes, clockOffsetMs(), lastError));
                send(ProtocolMessages.timeRequest(Instant.now()));
                sending = sending.thenCompose(ws -> ws.sendPing(ByteBuffer.allocate(0)));
                for (Map.Entry<String, ObjectNode> report : unacked.entrySet()) {
                    if (now - sentAt.get(report.getKey()) > resendAfter.toNanos()) {
                        sentAt.put(report.getKey(), now);
                        resent.incrementAndGet();
                        send(report.getValue());
                    }
                }
            }
        }
    }
}
