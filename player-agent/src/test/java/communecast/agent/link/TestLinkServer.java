package communecast.agent.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.Json;
import communecast.agent.ServerAddress;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The server's end of the agent link on the loopback: the WebSocket handshake and frames written by hand
 * (RFC 6455, just what the JDK client uses), a welcome as soon as the link is open, pongs for pings, and
 * every text the agent sends kept. {@link #close()} closes its links as a stopping server does, then goes away.
 */
final class TestLinkServer implements AutoCloseable {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    private static final int GOING_AWAY = 1001;

    private final ObjectMapper mapper = Json.mapper();
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    /** {@code port} 0 for any free one. */
    TestLinkServer(int port) throws IOException {
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        threads.execute(this::accept);
    }

    ServerAddress address() {
        return new ServerAddress("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** The messages of this type the agent sent, on any of its links here. */
    List<JsonNode> received(String type) {
        return texts.stream().map(this::tree).filter(m -> m.path("type").asText().equals(type)).toList();
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // Closed.
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            Link link = new Link(socket.getOutputStream());
            if (!handshake(in, link.out)) {
                return;
            }
            links.add(link);
            link.send(TEXT, "{\"v\":1,\"type\":\"welcome\",\"deviceId\":12,\"serverTime\":\"%s\"}"
                    .formatted(OffsetDateTime.now()).getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                int opcode = first & 0x0F;
                byte[] payload = payload(in);
                switch (opcode) {
                    case PING -> link.send(PONG, payload);
                    case CLOSE -> {
                        link.send(CLOSE, payload);
                        return;
                    }
                    case PONG -> { }
                    default -> { // A text frame or its continuation.
                        message.write(payload);
                        if ((first & 0x80) != 0) {
                            texts.add(message.toString(StandardCharsets.UTF_8));
                            message.reset();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // The agent went away, or close() closed the socket.
        }
    }

    /** Reads the upgrade request and answers 101; false (and a 404) for any other path. */
    private boolean handshake(InputStream in, OutputStream out) throws IOException {
        String requestLine = line(in);
        String key = null;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            if (name.equals("sec-websocket-key")) {
                key = value;
            } else if (name.equals("authorization")) {
                authorizations.add(value);
            }
        }
        if (!requestLine.startsWith("GET /agent/ws ") || key == null) {
            out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return false;
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the request ended in its headers");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** The rest of a frame after its first byte: length, the client's mask, the unmasked payload. */
    private static byte[] payload(InputStream in) throws IOException {
        int second = in.readNBytes(1)[0] & 0xFF;
        long length = second & 0x7F;
        int lengthBytes = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (lengthBytes > 0) {
            length = 0;
            for (byte b : in.readNBytes(lengthBytes)) {
                length = length << 8 | (b & 0xFF);
            }
        }
        byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : null;
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
            throw new EOFException("a frame cut short");
        }
        for (int i = 0; mask != null && i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        return payload;
    }

    private static String accept(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private JsonNode tree(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes every link (1001 going away) and stops listening: a server node stopping. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // Closed all the same.
        }
        for (Link link : links) {
            link.goAway();
        }
        threads.shutdownNow();
    }

    /** One agent's link: frames from the server are unmasked, one at a time. */
    private static final class Link {
        private final OutputStream out;

        Link(OutputStream out) {
            this.out = out;
        }

        synchronized void send(int opcode, byte[] payload) throws IOException {
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else {
                out.write(126);
                out.write(payload.length >> 8);
                out.write(payload.length & 0xFF);
            }
            out.write(payload);
            out.flush();
        }

        void goAway() {
            try {
                send(CLOSE, new byte[] {(byte) (GOING_AWAY >> 8), (byte) (GOING_AWAY & 0xFF)});
                out.close(); // Closes the socket: the server does not wait for the agent's answer.
            } catch (IOException e) {
                // The agent already went.
            }
        }
    }
}
