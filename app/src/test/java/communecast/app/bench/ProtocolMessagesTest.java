package communecast.app.bench;

import static communecast.app.bench.ProtocolMessages.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import communecast.app.bench.ProtocolMessages.Order;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator speaks docs/protocol.md: each message it builds has exactly the fields of the page's
 * example of its type, and it reads the server's examples. Examples read as both modules' ProtocolExamplesTest do.
 */
class ProtocolMessagesTest {
    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- example: ([\\w-]+) -->\\s*```json\\s*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Instant T = Instant.parse("2026-11-21T23:25:00Z");

    private static final Map<String, JsonNode> examples = new LinkedHashMap<>();

    @BeforeAll
    static void readDoc() throws IOException {
        Matcher m = EXAMPLE.matcher(Files.readString(Path.of("..", "docs", "protocol.md")));
        while (m.find()) {
            examples.put(m.group(1), JSON.readTree(m.group(2)));
        }
    }

    @Test
    void enrollRequest() {
        assertSameFields("enroll-request", ProtocolMessages.enrollRequest("K7Q2-9XMP"));
    }

    @Test
    void hello() {
        assertSameFields("hello", ProtocolMessages.hello(T));
    }

    @Test
    void timeRequest() {
        assertSameFields("time-request", ProtocolMessages.timeRequest(T));
    }

    @Test
    void heartbeatWithNothingToSay() {
        assertSameFields("heartbeat", ProtocolMessages.heartbeat(T, null, 0, null, null, 0, 0, null, null));
    }

    @Test
    void heartbeat() {
        assertSameFields("heartbeat", ProtocolMessages.heartbeat(T, 1234L, 86400, 1240L, T, 52428800, 21474836480L, -1200L, "x"));
    }

    @Test
    void reportsWithoutReasonAreTheReportExample() {
        assertSameFields("report", ProtocolMessages.report(1234, "PLAYING", T, null, null));
        ObjectNode played = ProtocolMessages.report(1234, "PLAYED", T, T.plusSeconds(90), null);
        assertSameFields("report", played);
        assertEquals(examples.get("report").get("reportId"), played.get("reportId"));
    }

    @Test
    void reportsWithReasonAreTheFailedExample() {
        assertSameFields("report-failed", ProtocolMessages.report(1235, "FAILED", null, T, "media not ready: still downloading"));
        assertSameFields("report-failed", ProtocolMessages.report(1235, "PREEMPTED", T, T, "withdrawn: campaign cancelled"));
    }

    @Test
    void commandResult() {
        assertSameFields("command-result", ProtocolMessages.commandResult(17, true, "volume set to 0.8"));
    }

    @Test
    void instantsHaveAnOffsetAndSeconds() {
        String written = ProtocolMessages.hello(Instant.parse("2026-11-21T23:30:00Z")).get("sentAt").asText();
        assertTrue(written.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)"), written);
        assertEquals(Instant.parse("2026-11-21T23:30:00Z"), java.time.OffsetDateTime.parse(written).toInstant());
    }

    @Test
    void readsTheOrdersExample() {
        List<Order> orders = new ArrayList<>();
        examples.get("orders").get("orders").forEach(o -> orders.add(Order.of(o)));
        assertEquals(new Order(1234, 5, 7, "9f2b5c0e4d0a7c1f8e3b6a2d5c4e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e", "/agent/media/7", "AUDIO",
                90000, Instant.parse("2026-11-21T23:30:00Z"), "NORMAL", null), orders.get(0));
        assertEquals(Instant.parse("2026-11-22T07:20:10.800Z"), orders.get(1).playUntil());
        assertEquals("EMERGENCY", orders.get(1).level());
        assertEquals(orders.get(0).startAt().plusSeconds(30), orders.get(0).lateLimit());
        assertEquals(orders.get(1).playUntil(), orders.get(1).lateLimit());
    }

    @Test
    void readsTheTimeReplyExample() {
        JsonNode reply = examples.get("time-reply");
        Instant t0 = ProtocolMessages.instant(reply, "t0");
        Instant t1 = ProtocolMessages.instant(reply, "t1");
        Instant t2 = ProtocolMessages.instant(reply, "t2");
        Instant t3 = t0.plusMillis(10);
        // ((t1 − t0) + (t2 − t3)) / 2 = (1240 + 1231) / 2, rounded toward zero.
        assertEquals(1235, ProtocolMessages.serverAheadMs(t0, t1, t2, t3));
        assertEquals(9, ProtocolMessages.roundTripMs(t0, t1, t2, t3));
    }

    @Test
    void theServersMessagesCarryTheFieldsTheGeneratorReads() {
        assertEquals(12, examples.get("welcome").get("deviceId").asLong());
        assertEquals("1234:PLAYED", examples.get("ack").get("reportId").asText());
        assertEquals(true, examples.get("ack").get("accepted").asBoolean());
        assertEquals(1234, examples.get("withdraw").get("orderIds").get(0).asLong());
        assertEquals("campaign cancelled", examples.get("withdraw").get("reason").asText());
        assertEquals(Set.of("commandId", "name", "volume", "v", "type"), names(examples.get("command")));
        assertNull(examples.get("orders").get("orders").get(0).get("playUntil").textValue());
    }

    private static void assertSameFields(String example, ObjectNode built) {
        JsonNode expected = examples.get(example);
        assertEquals(names(expected), names(built), example + ": field names");
        assertEquals(expected.get("v"), built.get("v"), example + ": v");
        assertEquals(expected.get("type"), built.get("type"), example + ": type");
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
