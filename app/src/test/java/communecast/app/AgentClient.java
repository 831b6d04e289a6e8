package communecast.app;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A bare protocol-v1 peer over a real WebSocket: the test plays the agent's part by hand. */
final class AgentClient implements AutoCloseable {
    /**
     * Sooner than the agent's own 10 s: Micronaut can drop a frame that arrives while it still switches the link,
     * even after our welcome (seen in CI: "TextWebSocketFrame cannot be cast to HttpRequest"), and a test that waited
     * 10 s found an emergency's repeats already past when it pressed Stop.
     */
    private static final Duration HELLO_AGAIN = Duration.ofSeconds(3);

    private final BlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closedByServer = new CompletableFuture<>();
    private final JsonMapper json;
    private final WebSocket socket;

    AgentClient(URI server, String token, JsonMapper json) {
        this.json = json;
        URI ws = URI.create(server.toString().replaceFirst("^http", "ws") + "/agent/ws");
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Device " + token)
                .buildAsync(ws, new Listener()).join();
    }

    void send(Map<String, Object> message) {
        try {
            socket.sendText(json.writeValueAsString(message), true).join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Says hello as the agent does, again after 3 s unanswered (a frame sent while the server is still
     * switching the link to WebSocket can be lost: docs/protocol.md, "welcome"); returns the complete order
     * list that answers it, skipping other messages.
     */
    Map<String, Object> hello(Duration timeout) throws InterruptedException {
        return ask(Map.of("v", 1, "type", "hello", "agentVersion", "test"), "orders", m -> Boolean.TRUE.equals(m.get("complete")), timeout);
    }

    /**
     * Sends the message, and again after 3 s unanswered, as the agent repeats what the server may have lost while it
     * switched the link to WebSocket; returns the first message of {@code type} that {@code answers} it.
     */
    Map<String, Object> ask(Map<String, Object> message, String type, Predicate<Map<String, Object>> answers, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            send(message);
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            Duration wait = left.compareTo(HELLO_AGAIN) < 0 ? left : HELLO_AGAIN;
            long until = System.nanoTime() + wait.toNanos();
            for (Map<String, Object> m = nextOrNull(type, wait); m != null;
                 m = nextOrNull(type, Duration.ofNanos(Math.max(0, until - System.nanoTime())))) {
                if (answers.test(m)) {
                    return m;
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("no answering '" + type + "' within " + timeout + " of sending " + message.get("type"));
            }
        }
    }

    /** The next message of this type, skipping others; fails after the timeout. */
    Map<String, Object> next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Object> message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no '" + type + "' message within " + timeout);
            }
            if (type.equals(message.get("type"))) {
                return message;
            }
        }
    }

    /** The next message of this type, or null after the timeout. */
    Map<String, Object> nextOrNull(String type, Duration timeout) throws InterruptedException {
        try {
            return next(type, timeout);
        } catch (AssertionError e) {
            return null;
        }
    }

    /** The close code the server sent, once it closes the link. */
    CompletableFuture<Integer> closedByServer() {
        return closedByServer;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            } catch (java.util.concurrent.CompletionException e) {
                // The server closed the link in the meantime (a revoked token, a silent link): nothing to say.
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(json.readValue(partial.toString(), Argument.mapOf(String.class, Object.class)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByServer.complete(statusCode);
            return null;
        }
    }
}
