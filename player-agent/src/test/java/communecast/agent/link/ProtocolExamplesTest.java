package communecast.agent.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.Json;
import communecast.agent.link.Messages.Ack;
import communecast.agent.link.Messages.EnrollRequest;
import communecast.agent.link.Messages.EnrollResponse;
import communecast.agent.link.Messages.ErrorMessage;
import communecast.agent.link.Messages.Heartbeat;
import communecast.agent.link.Messages.Hello;
import communecast.agent.link.Messages.Orders;
import communecast.agent.link.Messages.ReportMessage;
import communecast.agent.link.Messages.Welcome;
import communecast.agent.link.Messages.Withdraw;
import communecast.agent.orders.Order;
import communecast.agent.outbox.PlayStatus;
import communecast.agent.outbox.Report;
import communecast.media.MediaKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The examples of docs/protocol.md, read and written by the agent's own message classes. */
class ProtocolExamplesTest {

    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- example: ([\\w-]+) -->\\s*```json\\s*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Set<String> KNOWN = Set.of("enroll-request", "enroll-response", "hello", "report",
            "report-failed", "heartbeat", "command-result", "time-request", "welcome", "time-reply", "command", "orders", "withdraw", "ack", "error");

    private static Map<String, String> examples;
    private final ObjectMapper mapper = Json.mapper();
    private final MessageCodec codec = new MessageCodec(mapper);

    @BeforeAll
    static void readDoc() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "protocol.md"));
        examples = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(doc);
        while (m.find()) {
            examples.put(m.group(1), m.group(2).trim());
        }
    }

    @Test
    void everyExampleIsCoveredHere() {
        assertEquals(KNOWN, examples.keySet(), "an example was added to or removed from protocol.md");
    }

    @Test
    void readsWelcome() throws IOException {
        Welcome welcome = assertInstanceOf(Welcome.class, codec.read(examples.get("welcome")));
        assertEquals(12, welcome.deviceId());
        assertEquals(Instant.parse("2026-11-21T23:20:00.180Z"), welcome.serverTime().toInstant());
    }

    @Test
    void readsCommand() throws IOException {
        Messages.Command command = assertInstanceOf(Messages.Command.class, codec.read(examples.get("command")));
        assertEquals(List.of(17L, "SET_VOLUME", 0.8), List.of(command.commandId(), command.name(), command.volume()));
    }

    @Test
    void writesCommandResult() throws IOException {
        assertSameJson("command-result", Messages.CommandResult.of(17, CommandHandler.Result.done("volume set to 0.80")));
    }

    @Test
    void readsTimeReply() throws IOException {
        Messages.TimeReply reply = assertInstanceOf(Messages.TimeReply.class, codec.read(examples.get("time-reply")));
        assertEquals(List.of(Instant.parse("2026-11-21T23:25:00Z"), Instant.parse("2026-11-21T23:25:01.240Z"),
                Instant.parse("2026-11-21T23:25:01.241Z")), List.of(reply.t0().toInstant(), reply.t1().toInstant(), reply.t2().toInstant()));
    }

    @Test
    void readsOrders() throws IOException {
        Orders orders = assertInstanceOf(Orders.class, codec.read(examples.get("orders")));
        assertEquals(false, orders.complete());
        assertEquals(List.of(new Order(1234, 5L, 7,
                "9f2b5c0e4d0a7c1f8e3b6a2d5c4e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e", "/agent/media/7",
                MediaKind.AUDIO, 90000, OffsetDateTime.parse("2026-11-22T06:30:00+07:00"), "NORMAL"),
                new Order(1240, 9L, 8, "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9", "/agent/media/8",
                MediaKind.AUDIO, 45000, OffsetDateTime.parse("2026-11-22T14:05:10.800+07:00"), "EMERGENCY",
                OffsetDateTime.parse("2026-11-22T14:20:10.800+07:00")),
                new Order(1250, 11L, 20, "1".repeat(64), "https://radio.example.vn/vov1/live.m3u8", MediaKind.STREAM, 1_800_000,
                OffsetDateTime.parse("2026-11-22T18:00:00+07:00"), "NORMAL", null,
                new Order.Fallback(21, "2".repeat(64), "/agent/media/21", 600_000))),
                orders.orders());
    }

    @Test
    void readsWithdraw() throws IOException {
        Withdraw withdraw = assertInstanceOf(Withdraw.class, codec.read(examples.get("withdraw")));
        assertEquals(List.of(1234L), withdraw.orderIds());
        assertEquals("campaign cancelled", withdraw.reason());
    }

    @Test
    void readsAck() throws IOException {
        Ack ack = assertInstanceOf(Ack.class, codec.read(examples.get("ack")));
        assertEquals("1234:PLAYED", ack.reportId());
        assertTrue(ack.accepted());
    }

    @Test
    void readsError() throws IOException {
        ErrorMessage error = assertInstanceOf(ErrorMessage.class, codec.read(examples.get("error")));
        assertEquals("UNSUPPORTED_VERSION", error.code());
        assertEquals("this server speaks protocol version 1", error.message());
    }

    @Test
    void readsEnrollResponse() throws IOException {
        EnrollResponse answer = mapper.readValue(examples.get("enroll-response"), EnrollResponse.class);
        assertEquals(new EnrollResponse(1, 12, "dvt_8sJr2mQe0XWcZl4nYb1uVhA6KfPtGd3o"), answer);
    }

    @Test
    void writesHello() throws IOException {
        assertSameJson("hello", Hello.of("0.1.0", utc("2026-11-22T06:20:00.120+07:00")));
    }

    @Test
    void writesPlayedReport() throws IOException {
        Report played = Report.of(1234, PlayStatus.PLAYED, utc("2026-11-22T06:30:00.004+07:00"),
                utc("2026-11-22T06:31:30.010+07:00"), null);
        assertSameJson("report", ReportMessage.of(played));
    }

    @Test
    void writesFailedReport() throws IOException {
        Report failed = Report.of(1235, PlayStatus.FAILED, null, utc("2026-11-22T06:30:00.002+07:00"),
                "media not ready: download failed (HTTP 503)");
        assertSameJson("report-failed", ReportMessage.of(failed));
    }

    @Test
    void writesHeartbeat() throws IOException {
        AgentStatus status = new AgentStatus(86400, null, 1234L, utc("2026-11-22T06:30:00+07:00"), 52428800L, 21474836480L, null, 0, false);
        assertSameJson("heartbeat", Heartbeat.of(utc("2026-11-22T06:25:00.000+07:00"), "0.1.0", status, -1200));
    }

    @Test
    void writesTimeRequest() throws IOException {
        assertSameJson("time-request", Messages.TimeRequest.of(utc("2026-11-22T06:25:00.000+07:00")));
    }

    @Test
    void writesEnrollRequest() throws IOException {
        assertSameJson("enroll-request", EnrollRequest.of("K7Q2-9XMP", "0.1.0"));
    }

    /** The agent may write another offset than the example: the instant is what must agree. */
    private static OffsetDateTime utc(String text) {
        return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private void assertSameJson(String example, Object produced) throws IOException {
        JsonNode expected = mapper.readTree(examples.get(example));
        JsonNode actual = mapper.readTree(mapper.writeValueAsString(produced));
        assertEquals(fieldNames(expected), fieldNames(actual), example + ": field names");
        for (String field : fieldNames(expected)) {
            assertSameValue(example + "." + field, expected.get(field), actual.get(field));
        }
    }

    private static void assertSameValue(String where, JsonNode expected, JsonNode actual) {
        Optional<Instant> expectedInstant = instant(expected);
        if (expectedInstant.isPresent()) {
            assertEquals(expectedInstant, instant(actual), where);
        } else {
            assertEquals(expected, actual, where);
        }
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.asText()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
