package communecast.app;

import communecast.app.agentlink.Messages;
import communecast.app.playlog.LogStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The examples of docs/protocol.md, read and written by the server's own records and JSON mapper (the
 * bean the agent link uses, configured by application.yml). The agent's ProtocolExamplesTest is the other half.
 */
@MicronautTest
class ProtocolExamplesTest extends LiveServerTest {
    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- example: ([\\w-]+) -->\\s*```json\\s*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Set<String> KNOWN = Set.of("enroll-request", "enroll-response", "hello", "report",
            "report-failed", "heartbeat", "command-result", "time-request", "welcome", "time-reply", "command", "orders", "withdraw", "ack", "error");

    @Inject
    ZoneId zone;

    Map<String, String> examples;

    @BeforeAll
    void readDoc() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "protocol.md"));
        examples = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(doc);
        while (m.find()) {
            examples.put(m.group(1), m.group(2).trim());
        }
    }

    @Test
    void everyExampleIsCoveredHere() {
        assertEquals(new TreeSet<>(KNOWN), new TreeSet<>(examples.keySet()), "an example was added to or removed from protocol.md");
    }

    // Agent → server: what the agent link reads.

    @Test
    void readsHello() throws IOException {
        assertEnvelope("hello", "hello");
        Messages.Hello hello = json.readValue(examples.get("hello"), Messages.Hello.class);
        assertEquals(1, hello.v());
        assertEquals("0.1.0", hello.agentVersion());
        assertEquals(Instant.parse("2026-11-21T23:20:00.120Z"), hello.sentAt().toInstant());
    }

    @Test
    void readsPlayedReport() throws IOException {
        assertEnvelope("report", "report");
        Messages.Report report = json.readValue(examples.get("report"), Messages.Report.class);
        assertEquals("1234:PLAYED", report.reportId());
        assertEquals(1234, report.orderId());
        assertEquals(LogStatus.PLAYED, LogStatus.valueOf(report.status()), "the agent's status is a broadcast-log status");
        assertEquals(Instant.parse("2026-11-21T23:30:00.004Z"), report.startedAt().toInstant());
        assertEquals(Instant.parse("2026-11-21T23:31:30.010Z"), report.endedAt().toInstant());
        assertNull(report.reason());
    }

    @Test
    void readsFailedReport() throws IOException {
        assertEnvelope("report-failed", "report");
        Messages.Report report = json.readValue(examples.get("report-failed"), Messages.Report.class);
        assertEquals("1235:FAILED", report.reportId());
        assertEquals(1235, report.orderId());
        assertEquals(LogStatus.FAILED, LogStatus.valueOf(report.status()));
        assertNull(report.startedAt());
        assertEquals(Instant.parse("2026-11-21T23:30:00.002Z"), report.endedAt().toInstant());
        assertEquals("media not ready: download failed (HTTP 503)", report.reason());
    }

    @Test
    void readsHeartbeat() throws IOException {
        assertEnvelope("heartbeat", "heartbeat");
        Messages.Heartbeat heartbeat = json.readValue(examples.get("heartbeat"), Messages.Heartbeat.class);
        assertEquals(Instant.parse("2026-11-21T23:25:00Z"), heartbeat.sentAt().toInstant());
        assertNull(heartbeat.playingOrderId());
        assertEquals(List.of(1234L, -1200L, 21474836480L), List.of(heartbeat.nextOrderId(), heartbeat.clockOffsetMs(), heartbeat.freeDiskBytes()));
        assertEquals(Instant.parse("2026-11-21T23:30:00Z"), heartbeat.nextStartAt().toInstant());
    }

    @Test
    void readsCommandResult() throws IOException {
        assertEnvelope("command-result", "commandResult");
        Messages.CommandResult result = json.readValue(examples.get("command-result"), Messages.CommandResult.class);
        assertEquals(List.of(17L, true, "volume set to 0.80"), List.of(result.commandId(), result.ok(), result.message()));
    }

    @Test
    void writesCommand() throws IOException {
        assertSameJson("command", new Messages.Command(17, "SET_VOLUME", 0.8));
    }

    @Test
    void readsTimeRequest() throws IOException {
        assertEnvelope("time-request", "timeRequest");
        assertEquals(Instant.parse("2026-11-21T23:25:00Z"), json.readValue(examples.get("time-request"), Messages.TimeRequest.class).t0().toInstant());
    }

    @Test
    void writesTimeReply() throws IOException {
        assertSameJson("time-reply", new Messages.TimeReply(inServerZone("2026-11-21T23:25:00Z"),
                inServerZone("2026-11-21T23:25:01.240Z"), inServerZone("2026-11-21T23:25:01.241Z")));
    }

    // Server → agent: what the agent link writes, built as the server builds it (offsets of its zone).

    @Test
    void writesWelcome() throws IOException {
        assertSameJson("welcome", new Messages.Welcome(12, inServerZone("2026-11-21T23:20:00.180Z")));
    }

    @Test
    void writesOrders() throws IOException {
        Messages.Order order = new Messages.Order(1234, 5, 7,
                "9f2b5c0e4d0a7c1f8e3b6a2d5c4e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e", "/agent/media/7", "AUDIO",
                90000, inServerZone("2026-11-21T23:30:00Z"), "NORMAL", null, null);
        Messages.Order emergency = new Messages.Order(1240, 9, 8,
                "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9", "/agent/media/8", "AUDIO",
                45000, inServerZone("2026-11-22T07:05:10.800Z"), "EMERGENCY", inServerZone("2026-11-22T07:20:10.800Z"), null);
        Messages.Order relay = new Messages.Order(1250, 11, 20, "1".repeat(64), "https://radio.example.vn/vov1/live.m3u8", "STREAM",
                1_800_000, inServerZone("2026-11-22T11:00:00Z"), "NORMAL", null,
                new Messages.Fallback(21, "2".repeat(64), "/agent/media/21", 600_000));
        assertSameJson("orders", new Messages.Orders(false, List.of(order, emergency, relay)));
    }

    @Test
    void writesWithdraw() throws IOException {
        assertSameJson("withdraw", new Messages.Withdraw(List.of(1234L), "campaign cancelled"));
    }

    @Test
    void writesAck() throws IOException {
        assertSameJson("ack", new Messages.Ack("1234:PLAYED", true, null));
    }

    @Test
    void writesError() throws IOException {
        assertSameJson("error", new Messages.Error("UNSUPPORTED_VERSION", "this server speaks protocol version 1"));
    }

    // Enrollment: its records are the controller's own, so the examples go through HTTP as an agent sends them.

    @Test
    void enrollsWithTheExampleRequestAndAnswersTheExampleShape() throws IOException {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Cao Bằng", "CB", "Xã Hà Quảng", "CB-HQ");
        Api.Reply device = admin.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO"));

        // The example's text with only its code swapped for a real one: the bytes an agent sends.
        String exampleCode = tree("enroll-request").get("code").getStringValue();
        String request = examples.get("enroll-request").replace('"' + exampleCode + '"', '"' + device.string("enrollmentCode") + '"');
        HttpResponse<String> answer = client.toBlocking().exchange(
                HttpRequest.POST("/agent/enroll", request).contentType(MediaType.APPLICATION_JSON_TYPE), String.class);
        assertEquals(200, answer.code());

        JsonNode expected = tree("enroll-response");
        JsonNode actual = json.readValue(answer.body(), JsonNode.class);
        assertEquals(fieldNames(expected), fieldNames(actual), "enroll-response: field names");
        assertEquals(expected.get("v"), actual.get("v"));
        assertEquals(device.id(), actual.get("deviceId").getLongValue());
        String prefix = expected.get("token").getStringValue().substring(0, 4);
        assertTrue(actual.get("token").getStringValue().startsWith(prefix), () -> "token should start with " + prefix + ": " + actual);
    }

    @Test
    void theLiveLinkWelcomesAndRefusesAnotherVersionAsTheExamplesShow() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Hà Giang", "HG", "Xã Lũng Cú", "HG-LC");
        Api.Reply device = admin.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO"));
        String token = new Api(client.toBlocking(), null).post("/agent/enroll",
                Map.of("v", 1, "code", device.string("enrollmentCode"), "agentVersion", "test")).string("token");
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            Map<String, Object> welcome = agent.next("welcome", Duration.ofSeconds(30));
            assertEquals(fieldNames(tree("welcome")), new TreeSet<>(welcome.keySet()), "welcome: field names");
            // Said again if unanswered, as the agent does: a frame sent while the server is still switching the link
            // to WebSocket can be lost (docs/protocol.md, "welcome").
            Map<String, Object> error = null;
            for (int attempt = 0; attempt < 3 && error == null; attempt++) {
                agent.send(Map.of("v", 2, "type", "hello"));
                error = agent.nextOrNull("error", Duration.ofSeconds(10));
            }
            assertEquals(tree("error"), json.readValue(json.writeValueAsString(error), JsonNode.class));
        }
    }

    private OffsetDateTime inServerZone(String instant) {
        return Instant.parse(instant).atZone(zone).toOffsetDateTime();
    }

    private void assertEnvelope(String example, String type) throws IOException {
        Messages.Envelope envelope = json.readValue(examples.get(example), Messages.Envelope.class);
        assertEquals(Messages.VERSION, envelope.v());
        assertEquals(type, envelope.type());
    }

    /** Both sides parsed by the same mapper, so numbers and strings compare alike. */
    private void assertSameJson(String example, Object produced) throws IOException {
        assertSameValue(example, tree(example), json.readValue(json.writeValueAsString(produced), JsonNode.class));
    }

    private static void assertSameValue(String where, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            assertTrue(actual.isObject(), () -> where + ": object expected, got " + actual);
            assertEquals(fieldNames(expected), fieldNames(actual), where + ": field names");
            for (Map.Entry<String, JsonNode> field : expected.entries()) {
                assertSameValue(where + "." + field.getKey(), field.getValue(), actual.get(field.getKey()));
            }
        } else if (expected.isArray()) {
            assertTrue(actual.isArray(), () -> where + ": array expected, got " + actual);
            assertEquals(expected.size(), actual.size(), where + ": size");
            for (int i = 0; i < expected.size(); i++) {
                assertSameValue(where + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else if (instant(expected).isPresent()) {
            assertEquals(instant(expected), instant(actual), where);
        } else {
            assertEquals(expected.getValue(), actual == null ? "(absent)" : actual.getValue(), where);
        }
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (!node.isString()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.getStringValue()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private JsonNode tree(String example) throws IOException {
        return json.readValue(examples.get(example), JsonNode.class);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.entries().forEach(e -> names.add(e.getKey()));
        return names;
    }
}
