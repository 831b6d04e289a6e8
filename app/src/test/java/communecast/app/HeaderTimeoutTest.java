package communecast.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code communecast.header-timeout} (issue 21): a connection whose request headers are not whole in time is
 * closed; a slow body and the agents' WebSocket are not timed. The timeout is 1 s here.
 */
@MicronautTest
class HeaderTimeoutTest extends LiveServerTest {
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = TestServer.properties();
        p.put("communecast.header-timeout", TIMEOUT.toMillis() + "ms");
        return p;
    }

    @Test
    void halfARequestIsClosedOnceTheHeaderTimeoutPasses() throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(30_000);
            long sent = System.nanoTime();
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\nAccept: appl".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertEquals(-1, socket.getInputStream().read(), "closed without an answer");
            Duration open = Duration.ofNanos(System.nanoTime() - sent);
            // Generous slack on a loaded 2-core machine; the idle timeout (minutes) would leave it open far longer.
            assertTrue(open.compareTo(TIMEOUT.dividedBy(2)) >= 0 && open.compareTo(Duration.ofSeconds(10)) < 0, "closed after " + open);
        }
    }

    /** Headers whole at once, then the body a few bytes at a time over three times the timeout, as on a weak link. */
    @Test
    void aSlowButProgressingBodyIsNotCut() throws Exception {
        byte[] body = ("{\"username\":\"admin\",\"password\":\"" + TestServer.ADMIN_PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int pieces = 10;
            long pause = TIMEOUT.multipliedBy(3).toMillis() / pieces;
            for (int i = 0; i < pieces; i++) {
                out.write(body, i * body.length / pieces, (i + 1) * body.length / pieces - i * body.length / pieces);
                out.flush();
                Thread.sleep(pause); // the pace of a slow sender, not a wait for the server
            }
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 200 OK", status);
        }
    }

    @Test
    void theAgentsWebSocketOutlivesTheHeaderTimeout() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Sơn La", "SL", "Xã Mường Bú", "SL-MB");
        String code = admin.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO")).string("enrollmentCode");
        try (AgentClient agent = new AgentClient(server.getURI(), Api.enroll(client.toBlocking(), code), json)) {
            agent.next("welcome", Duration.ofSeconds(20));
            // Frames from the agent after the upgrade: to a header timer they would look like a request begun.
            assertTrue(agent.hello(Duration.ofSeconds(20)).containsKey("orders"));
            await().during(TIMEOUT.multipliedBy(3)).atMost(TIMEOUT.multipliedBy(10)).until(() -> !agent.closedByServer().isDone());
            assertTrue(agent.hello(Duration.ofSeconds(20)).containsKey("orders"), "the link still answers");
        }
    }
}
