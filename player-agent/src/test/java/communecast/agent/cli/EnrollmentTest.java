package communecast.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import communecast.agent.Json;
import communecast.agent.ServerAddress;
import communecast.agent.Servers;
import communecast.agent.link.Messages.EnrollResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Enrollment against a list of servers on the loopback, one of them down. */
class EnrollmentTest {

    private HttpServer up;
    private final AtomicInteger status = new AtomicInteger(200);
    private ServerAddress down;

    @BeforeEach
    void start() throws IOException {
        up = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        up.createContext("/agent/enroll", this::answer);
        up.start();
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = new ServerAddress("http://127.0.0.1:" + closed.getLocalPort());
        }
    }

    @AfterEach
    void stop() {
        up.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = (status.get() == 200 ? "{\"v\":1,\"deviceId\":12,\"token\":\"dvt_x\"}"
                : "{\"code\":\"ENROLLMENT_CODE_INVALID\",\"message\":\"used\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (status.get() == 429) {
            exchange.getResponseHeaders().set("Retry-After", "540");
        }
        exchange.sendResponseHeaders(status.get(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private ServerAddress upAddress() {
        return new ServerAddress("http://127.0.0.1:" + up.getAddress().getPort());
    }

    private static Enrollment enrollment(Servers servers) {
        return new Enrollment(HttpClient.newHttpClient(), servers, Json.mapper(), "0.1.0");
    }

    @Test
    void triesTheServersInTurnAndTheOneThatAnsweredStaysCurrent() throws Exception {
        Servers servers = new Servers(List.of(down, upAddress()));

        EnrollResponse answer = enrollment(servers).enroll("K7Q2-9XMP");

        assertEquals(12, answer.deviceId());
        assertEquals(upAddress(), servers.current(), "the link starts where enrollment got through");
    }

    @Test
    void whenNoneAnswersTheErrorNamesEachServer() {
        status.set(503);
        Servers servers = new Servers(List.of(down, upAddress()));

        String message = assertThrows(IOException.class, () -> enrollment(servers).enroll("K7Q2-9XMP")).getMessage();

        assertTrue(message.startsWith("no server answered: " + down + ": "), message);
        assertTrue(message.endsWith("; " + upAddress() + ": enrollment failed (HTTP 503)"), message);
    }

    @Test
    void heldOffForTooManyWrongCodesItSaysWhenToTryAgain() {
        status.set(429);
        Servers servers = new Servers(List.of(upAddress(), down));

        String message = assertThrows(Enrollment.RejectedException.class, () -> enrollment(servers).enroll("K7Q2-9XMP")).getMessage();

        assertTrue(message.startsWith("the server holds off enrollment from this address (HTTP 429): "), message);
        assertTrue(message.endsWith("; try again in 540 s"), message);
    }

    @Test
    void aRefusedCodeIsNotTriedOnTheOtherServers() {
        status.set(401);
        Servers servers = new Servers(List.of(upAddress(), down));

        assertThrows(Enrollment.RejectedException.class, () -> enrollment(servers).enroll("K7Q2-9XMP"));
        assertEquals(upAddress(), servers.current());
    }
}
