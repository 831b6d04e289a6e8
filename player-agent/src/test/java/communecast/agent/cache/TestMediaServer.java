package communecast.agent.cache;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import communecast.agent.ServerAddress;
import communecast.media.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The server's media endpoint on the loopback, as docs/protocol.md has it: the whole file with its
 * {@code X-Content-SHA256}, or the rest from byte N for {@code Range: bytes=N-} (206, 416 past the end). A
 * test can queue other answers for the next requests: the faults of a weak link and of a busy server.
 */
final class TestMediaServer implements AutoCloseable {

    /** One way to answer a request for a file. */
    @FunctionalInterface
    interface Answer {
        void send(HttpExchange exchange, byte[] file, String sha) throws IOException;
    }

    /** A request as the server got it; {@code range} and {@code authorization} are null when absent. */
    record Request(String range, String authorization) {
    }

    /** What the real server does. */
    static final Answer HONEST = TestMediaServer::honest;

    /** A server (or a proxy) that does not do ranges: always the whole file. */
    static final Answer IGNORING_RANGE = TestMediaServer::whole;

    /** The right headers, one wrong byte: damage on the way. */
    static final Answer CORRUPTING = (exchange, file, sha) -> {
        byte[] damaged = file.clone();
        damaged[damaged.length / 2] ^= 1;
        whole(exchange, damaged, sha);
    };

    static final Answer RENDITION_NOT_READY = (exchange, file, sha) -> json(exchange, 503,
            "{\"code\":\"RENDITION_NOT_READY\",\"message\":\"the file for this device is still being made\"}");

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Map<Long, byte[]> files = new ConcurrentHashMap<>();
    private final Map<Long, Queue<Answer>> next = new ConcurrentHashMap<>();
    private final Map<Long, Answer> usual = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    TestMediaServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // A stalled answer holds its thread while the next request is answered.
        server.setExecutor(handlers);
        server.createContext("/agent/media/", this::handle);
        server.start();
    }

    ServerAddress address() {
        return new ServerAddress("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves {@code file} as media {@code mediaId}; answers its SHA-256. */
    String serve(long mediaId, byte[] file) {
        files.put(mediaId, file);
        return Sha256.hex(file);
    }

    /** The next requests for the media get these answers, in turn; later ones the usual answer. */
    void answerNext(long mediaId, Answer... answers) {
        next.computeIfAbsent(mediaId, id -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
    }

    /** Replaces {@link #HONEST} as the usual answer for the media. */
    void answerAlways(long mediaId, Answer answer) {
        usual.put(mediaId, answer);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> ranges() {
        return requests.stream().map(r -> r.range() == null ? "(none)" : r.range()).toList();
    }

    /**
     * Sends the whole file's headers but only its first {@code bytes}, waits until the agent {@code has} them,
     * then drops the connection: a mobile link lost mid-way.
     */
    static Answer cutAfter(int bytes, BooleanSupplier has) {
        return (exchange, file, sha) -> {
            headers(exchange, sha);
            exchange.sendResponseHeaders(200, file.length);
            OutputStream out = exchange.getResponseBody();
            out.write(file, 0, bytes);
            out.flush();
            await().atMost(Duration.ofSeconds(5)).until(has::getAsBoolean);
            exchange.close(); // Short of its length: the server closes the connection.
        };
    }

    /** Sends the first {@code bytes} of the whole file, then nothing more: a half-open link. */
    Answer stallAfter(int bytes) {
        return (exchange, file, sha) -> {
            headers(exchange, sha);
            exchange.sendResponseHeaders(200, file.length);
            OutputStream out = exchange.getResponseBody();
            out.write(file, 0, bytes);
            out.flush();
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        long id = Long.parseLong(exchange.getRequestURI().getPath().substring("/agent/media/".length()));
        requests.add(new Request(exchange.getRequestHeaders().getFirst("Range"),
                exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] file = files.get(id);
        if (file == null) {
            json(exchange, 404, "{\"code\":\"NOT_FOUND\"}");
            return;
        }
        Queue<Answer> queued = next.get(id);
        Answer answer = queued == null || queued.isEmpty() ? usual.getOrDefault(id, HONEST) : queued.poll();
        answer.send(exchange, file, Sha256.hex(file));
    }

    private static void honest(HttpExchange exchange, byte[] file, String sha) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range == null || !range.matches("bytes=\\d+-")) {
            whole(exchange, file, sha);
            return;
        }
        int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
        if (from >= file.length) {
            json(exchange, 416, "{\"code\":\"BAD_RANGE\"}");
            return;
        }
        headers(exchange, sha);
        String contentRange = "bytes " + from + "-" + (file.length - 1) + "/" + file.length;
        exchange.getResponseHeaders().set("Content-Range", contentRange);
        exchange.sendResponseHeaders(206, file.length - from);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file, from, file.length - from);
        }
    }

    private static void whole(HttpExchange exchange, byte[] file, String sha) throws IOException {
        headers(exchange, sha);
        exchange.sendResponseHeaders(200, file.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file);
        }
    }

    private static void headers(HttpExchange exchange, String sha) {
        exchange.getResponseHeaders().set("X-Content-SHA256", sha);
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Also lets stalled answers go, so no handler thread outlives the test. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
