package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.http.client.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on every /api and /agent endpoint (issue 2): malformed JSON, missing fields, unknown ids, a role
 * that may not, another area's data. Each answer is the exact 4xx with a JSON {code, message}; the calls go
 * over a plain HTTP client so the status, content type and body are seen exactly as sent.
 */
@MicronautTest
class ApiBadInputTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Duration WAIT = Duration.ofSeconds(30);
    static final long UNKNOWN = 987_654;
    /** Class names, Java types and the JSON parser's own words, which mean nothing to staff. */
    static final java.util.regex.Pattern JAVA_INTERNALS = java.util.regex.Pattern.compile(
            "communecast\\.|java\\.|`|\\[Source:|START_OBJECT|START_ARRAY|VALUE_|argument \\[");
    static final String TRUNCATED = "{\"name\": ";

    final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    Api admin;
    String adminAuth;
    String adminA;
    String editorA;
    String approverA;
    String viewerA;
    String editorB;
    long province;
    long areaA;
    long areaB;
    long deviceA;
    long deviceB;
    String deviceAToken;
    String deviceBToken;
    long groupB;
    long mediaA;
    long mediaB;
    long draftA;
    long campaignB;
    long emergencyB;
    long emergencyCampaignB;
    long viewerAId;
    long editorBId;
    Path tone;

    @BeforeAll
    void world() throws IOException {
        admin = Api.admin(client.toBlocking());
        adminAuth = "Bearer " + admin.tokenForTests();
        province = admin.post("/api/areas", Map.of("name", "Tỉnh Cao Bằng", "code", "CB", "kind", "PROVINCE")).id();
        areaA = admin.post("/api/areas", Map.of("name", "Xã A", "code", "CB-A", "kind", "COMMUNE", "parentId", province)).id();
        areaB = admin.post("/api/areas", Map.of("name", "Xã B", "code", "CB-B", "kind", "COMMUNE", "parentId", province)).id();
        adminA = user("admin-a", "ADMIN", areaA);
        editorA = user("editor-a", "EDITOR", areaA);
        approverA = user("approver-a", "APPROVER", areaA);
        viewerA = user("viewer-a", "VIEWER", areaA);
        editorB = user("editor-b", "EDITOR", areaB);
        viewerAId = userId("viewer-a");
        editorBId = userId("editor-b");
        Api.Reply a = admin.post("/api/devices", Map.of("name", "Đài xã A", "areaId", areaA, "kind", "RADIO"));
        Api.Reply b = admin.post("/api/devices", Map.of("name", "Đài xã B", "areaId", areaB, "kind", "RADIO"));
        deviceA = a.id();
        deviceB = b.id();
        deviceAToken = enroll(a.string("enrollmentCode"));
        deviceBToken = enroll(b.string("enrollmentCode"));
        groupB = admin.post("/api/device-groups", Map.of("name", "Loa xã B", "areaId", areaB, "deviceIds", List.of(deviceB))).id();
        Path dir = Files.createTempDirectory("badinput");
        tone = TestMedia.tone(dir.resolve("tone.wav"), Duration.ofSeconds(1), 440);
        mediaA = readyMedia(editorA, "Bản tin xã A", tone);
        mediaB = readyMedia(editorB, "Bản tin xã B", TestMedia.tone(dir.resolve("b.wav"), Duration.ofSeconds(1), 550));
        draftA = created(call("POST", "/api/campaigns", editorA, body(campaign(mediaA, "deviceIds", deviceA))));
        campaignB = created(call("POST", "/api/campaigns", editorB, body(campaign(mediaB, "areaIds", areaB))));
        Answer emergency = call("POST", "/api/emergency", editorB, body(Map.of("mediaId", mediaB, "areaIds", List.of(areaB))));
        assertEquals(202, emergency.status(), emergency::toString);
        emergencyB = emergency.id();
        emergencyCampaignB = ((Number) emergency.map().get("campaignId")).longValue();
    }

    @AfterAll
    void serverStillHealthy() {
        Answer health = call("GET", "/health", null, null);
        assertEquals(200, health.status(), health::toString);
        assertEquals("UP", health.map().get("status"));
    }

    /** Every endpoint that takes a JSON body, given a body that is not JSON or not the expected shape. */
    Stream<Bad> malformedJson() {
        Map<String, String> endpoints = new java.util.LinkedHashMap<>();
        endpoints.put("POST /api/auth/login", null);
        endpoints.put("POST /agent/enroll", null);
        endpoints.put("POST /api/campaigns", editorA);
        endpoints.put("PUT /api/campaigns/" + draftA, editorA);
        endpoints.put("POST /api/emergency", editorA);
        endpoints.put("POST /api/media/streams", editorA);
        endpoints.put("POST /api/users", adminAuth);
        endpoints.put("PUT /api/users/" + viewerAId, adminAuth);
        endpoints.put("POST /api/users/" + viewerAId + "/password", adminAuth);
        endpoints.put("POST /api/auth/password", viewerA);
        endpoints.put("PUT /api/areas/" + areaA, adminAuth);
        endpoints.put("POST /api/device-groups", editorA);
        endpoints.put("PUT /api/areas/" + areaA + "/quiet-hours", editorA);
        endpoints.put("POST /api/devices/" + deviceA + "/commands", editorA);
        return endpoints.entrySet().stream().flatMap(e -> Stream.of(TRUNCATED, "[1,2]").map(raw -> {
            String[] route = e.getKey().split(" ");
            return new Bad(e.getKey() + " " + raw, () -> call(route[0], route[1], e.getValue(), raw), 400, "BAD_REQUEST");
        }));
    }

    Stream<Bad> missingOrWrongFields() {
        return Stream.of(
                bad("login without password", "POST", "/api/auth/login", null, Map.of("username", "admin"), 400, "MISSING_FIELD"),
                bad("enroll without code", "POST", "/agent/enroll", null, Map.of("v", 1), 400, "MISSING_FIELD"),
                bad("campaign edit without dates", "PUT", "/api/campaigns/" + draftA, editorA, Map.of("title", "x"), 400, "MISSING_FIELD"),
                bad("emergency without media", "POST", "/api/emergency", editorA, Map.of("areaIds", List.of(areaA)), 400, "MISSING_FIELD"),
                bad("stream without url", "POST", "/api/media/streams", editorA, Map.of("title", "Tiếp sóng"), 400, "MISSING_FIELD"),
                bad("area renamed blank", "PUT", "/api/areas/" + areaA, adminAuth, Map.of("name", " ", "parentId", province), 400, "MISSING_FIELD"),
                bad("area moved under itself", "PUT", "/api/areas/" + areaA, adminAuth, Map.of("name", "Xã A", "parentId", areaA), 400, "BAD_PARENT"),
                bad("password change without the old one", "POST", "/api/auth/password", viewerA, Map.of("newPassword", "password-456"), 400, "MISSING_FIELD"),
                bad("password reset too short", "POST", "/api/users/" + viewerAId + "/password", adminAuth, Map.of("password", "short"), 400, "WEAK_PASSWORD"),
                bad("user without password", "POST", "/api/users", adminAuth, Map.of("username", "u1", "role", "VIEWER"), 400, "MISSING_FIELD"),
                bad("user with unknown role", "POST", "/api/users", adminAuth,
                        Map.of("username", "u2", "password", "password-123", "role", "ROOT", "areaId", areaA), 400, "BAD_REQUEST"),
                bad("group without devices", "POST", "/api/device-groups", editorA, Map.of("name", "Nhóm", "areaId", areaA), 400, "MISSING_FIELD"),
                bad("quiet hours from only", "PUT", "/api/areas/" + areaA + "/quiet-hours", editorA, Map.of("from", "22:00"), 400, "MISSING_FIELD"),
                bad("quiet hours 25:00", "PUT", "/api/areas/" + areaA + "/quiet-hours", editorA, Map.of("from", "25:00", "to", "05:00"), 400, "BAD_REQUEST"),
                bad("command without name", "POST", "/api/devices/" + deviceA + "/commands", editorA, Map.of(), 400, "BAD_COMMAND"));
    }

    Stream<Bad> unknownIds() {
        String u = "/" + UNKNOWN;
        return Stream.of(
                bad("GET area", "GET", "/api/areas" + u, adminAuth, null, 404, "NOT_FOUND"),
                bad("PUT quiet hours", "PUT", "/api/areas" + u + "/quiet-hours", adminAuth, Map.of("from", "22:00", "to", "05:00"), 404, "NOT_FOUND"),
                bad("PUT area", "PUT", "/api/areas" + u, adminAuth, Map.of("name", "X", "parentId", province), 404, "NOT_FOUND"),
                bad("PUT area under unknown", "PUT", "/api/areas/" + areaA, adminAuth, Map.of("name", "Xã A", "parentId", UNKNOWN), 404, "NOT_FOUND"),
                bad("PUT user", "PUT", "/api/users" + u, adminAuth, Map.of("role", "VIEWER", "areaId", areaA), 404, "NOT_FOUND"),
                bad("disable user", "POST", "/api/users" + u + "/disable", adminAuth, Map.of(), 404, "NOT_FOUND"),
                bad("reset password", "POST", "/api/users" + u + "/password", adminAuth, Map.of("password", "password-456"), 404, "NOT_FOUND"),
                bad("GET devices of area", "GET", "/api/devices?areaId=" + UNKNOWN, adminAuth, null, 404, "NOT_FOUND"),
                bad("GET device events", "GET", "/api/devices" + u + "/events", adminAuth, null, 404, "NOT_FOUND"),
                bad("POST enrollment code", "POST", "/api/devices" + u + "/enrollment-code", adminAuth, Map.of(), 404, "NOT_FOUND"),
                bad("POST command to device", "POST", "/api/devices" + u + "/commands", adminAuth, Map.of("name", "RESYNC"), 404, "NOT_FOUND"),
                bad("GET command of device", "GET", "/api/devices" + u + "/commands/1", adminAuth, null, 404, "NOT_FOUND"),
                bad("GET command", "GET", "/api/devices/" + deviceA + "/commands" + u, adminAuth, null, 404, "NOT_FOUND"),
                bad("GET command screenshot", "GET", "/api/devices/" + deviceA + "/commands" + u + "/screenshot", adminAuth, null, 404, "NOT_FOUND"),
                new Bad("PUT agent screenshot", () -> png("/agent/commands" + u + "/screenshot", "Device " + deviceAToken, "image/png"), 404, "NOT_FOUND"),
                bad("GET device group", "GET", "/api/device-groups" + u, adminAuth, null, 404, "NOT_FOUND"),
                bad("POST group of unknown device", "POST", "/api/device-groups", adminAuth,
                        Map.of("name", "Nhóm", "areaId", areaA, "deviceIds", List.of(UNKNOWN)), 404, "NOT_FOUND"),
                bad("POST group in unknown area", "POST", "/api/device-groups", adminAuth,
                        Map.of("name", "Nhóm", "areaId", UNKNOWN, "deviceIds", List.of(deviceA)), 404, "NOT_FOUND"),
                bad("POST user in unknown area", "POST", "/api/users", adminAuth,
                        Map.of("username", "u3", "password", "password-123", "role", "VIEWER", "areaId", UNKNOWN), 404, "NOT_FOUND"),
                bad("GET logs of device", "GET", "/api/broadcast-logs?deviceId=" + UNKNOWN, adminAuth, null, 404, "NOT_FOUND"),
                bad("GET logs of campaign", "GET", "/api/broadcast-logs?campaignId=" + UNKNOWN, adminAuth, null, 404, "NOT_FOUND"),
                bad("GET timeline", "GET", "/api/devices" + u + "/timeline", adminAuth, null, 404, "NOT_FOUND"),
                bad("GET schedule.ics", "GET", "/api/areas" + u + "/schedule.ics", adminAuth, null, 404, "NOT_FOUND"),
                bad("PUT campaign", "PUT", "/api/campaigns" + u, adminAuth, campaign(mediaA, "deviceIds", deviceA), 404, "NOT_FOUND"),
                bad("POST submit", "POST", "/api/campaigns" + u + "/submit", adminAuth, Map.of(), 404, "NOT_FOUND"),
                bad("POST resume", "POST", "/api/campaigns" + u + "/resume", adminAuth, Map.of(), 404, "NOT_FOUND"),
                bad("POST cancel", "POST", "/api/campaigns" + u + "/cancel", adminAuth, Map.of(), 404, "NOT_FOUND"),
                bad("GET history", "GET", "/api/campaigns" + u + "/history", adminAuth, null, 404, "NOT_FOUND"),
                bad("GET plan", "GET", "/api/campaigns" + u + "/plan?" + range(), adminAuth, null, 404, "NOT_FOUND"),
                bad("DELETE media", "DELETE", "/api/media" + u, adminAuth, null, 404, "NOT_FOUND"),
                bad("GET poster", "GET", "/api/media" + u + "/poster.png", adminAuth, null, 404, "NOT_FOUND"),
                bad("GET waveform", "GET", "/api/media" + u + "/waveform.png", adminAuth, null, 404, "NOT_FOUND"),
                bad("GET poster of a sound", "GET", "/api/media/" + mediaA + "/poster.png", adminAuth, null, 404, "NOT_FOUND"),
                bad("GET emergency events", "GET", "/api/emergency" + u + "/events", adminAuth, null, 404, "NOT_FOUND"),
                bad("POST emergency stop", "POST", "/api/emergency" + u + "/stop", adminAuth, Map.of(), 404, "NOT_FOUND"))
                .map(b -> b.saying("does not exist"));
    }

    Stream<Bad> wrongRole() {
        Map<String, Object> group = Map.of("name", "Nhóm", "areaId", areaA, "deviceIds", List.of(deviceA));
        return Stream.of(
                bad("editor lists users", "GET", "/api/users", editorA, null, 403, "FORBIDDEN"),
                bad("editor changes a role", "PUT", "/api/users/" + viewerAId, editorA, Map.of("role", "ADMIN", "areaId", areaA), 403, "FORBIDDEN"),
                bad("editor disables a user", "POST", "/api/users/" + viewerAId + "/disable", editorA, Map.of(), 403, "FORBIDDEN"),
                bad("editor resets a password", "POST", "/api/users/" + viewerAId + "/password", editorA, Map.of("password", "password-456"), 403, "FORBIDDEN"),
                bad("viewer renames an area", "PUT", "/api/areas/" + areaA, viewerA, Map.of("name", "Xã A mới", "parentId", province), 403, "FORBIDDEN"),
                bad("viewer sets quiet hours", "PUT", "/api/areas/" + areaA + "/quiet-hours", viewerA, Map.of("from", "22:00", "to", "05:00"), 403, "FORBIDDEN"),
                bad("viewer reissues a code", "POST", "/api/devices/" + deviceA + "/enrollment-code", viewerA, Map.of(), 403, "FORBIDDEN"),
                bad("viewer sends a command", "POST", "/api/devices/" + deviceA + "/commands", viewerA, Map.of("name", "RESYNC"), 403, "FORBIDDEN"),
                bad("viewer makes a group", "POST", "/api/device-groups", viewerA, group, 403, "FORBIDDEN"),
                bad("editor adds a user", "POST", "/api/users", editorA,
                        Map.of("username", "u4", "password", "password-123", "role", "VIEWER", "areaId", areaA), 403, "FORBIDDEN"),
                bad("viewer edits a campaign", "PUT", "/api/campaigns/" + draftA, viewerA, campaign(mediaA, "deviceIds", deviceA), 403, "FORBIDDEN"),
                bad("viewer submits", "POST", "/api/campaigns/" + draftA + "/submit", viewerA, Map.of(), 403, "FORBIDDEN"),
                bad("viewer resumes", "POST", "/api/campaigns/" + draftA + "/resume", viewerA, Map.of(), 403, "FORBIDDEN"),
                bad("viewer cancels", "POST", "/api/campaigns/" + draftA + "/cancel", viewerA, Map.of(), 403, "FORBIDDEN"),
                bad("viewer deletes media", "DELETE", "/api/media/" + mediaA, viewerA, null, 403, "FORBIDDEN"),
                bad("viewer adds a stream", "POST", "/api/media/streams", viewerA,
                        Map.of("title", "Tiếp sóng", "url", "http://radio.example/live", "minutes", 30), 403, "FORBIDDEN"),
                new Bad("viewer uploads media", () -> upload(viewerA, Map.of("title", "Bản tin"), "tin.wav", tone), 403, "FORBIDDEN"),
                bad("viewer starts an emergency", "POST", "/api/emergency", viewerA, Map.of("mediaId", mediaA, "areaIds", List.of(areaA)), 403, "FORBIDDEN"),
                new Bad("staff token uploads a screenshot", () -> png("/agent/commands/1/screenshot", adminAuth, "image/png"), 403, "FORBIDDEN")
                        .saying("Forbidden"))
                .map(b -> b.hint() == null ? b.saying("role") : b);
    }

    /** CONTRACT.md and ApiErrorsTest: what lies outside the user's area is refused with 403, not shown. */
    Stream<Bad> anotherAreasData() {
        String devB = "/api/devices/" + deviceB;
        return Stream.of(
                bad("GET area", "GET", "/api/areas/" + areaB, editorA, null, 403, "FORBIDDEN"),
                bad("PUT quiet hours", "PUT", "/api/areas/" + areaB + "/quiet-hours", editorA, Map.of("from", "22:00", "to", "05:00"), 403, "FORBIDDEN"),
                bad("GET devices of area", "GET", "/api/devices?areaId=" + areaB, editorA, null, 403, "FORBIDDEN"),
                bad("GET device events", "GET", devB + "/events", editorA, null, 403, "FORBIDDEN"),
                bad("POST enrollment code", "POST", devB + "/enrollment-code", editorA, Map.of(), 403, "FORBIDDEN"),
                bad("POST command", "POST", devB + "/commands", editorA, Map.of("name", "RESYNC"), 403, "FORBIDDEN"),
                bad("GET command", "GET", devB + "/commands/1", editorA, null, 403, "FORBIDDEN"),
                bad("GET command screenshot", "GET", devB + "/commands/1/screenshot", editorA, null, 403, "FORBIDDEN"),
                bad("GET device group", "GET", "/api/device-groups/" + groupB, editorA, null, 403, "FORBIDDEN"),
                bad("POST group in area B", "POST", "/api/device-groups", editorA,
                        Map.of("name", "Nhóm", "areaId", areaB, "deviceIds", List.of(deviceB)), 403, "FORBIDDEN"),
                bad("POST group with B's device", "POST", "/api/device-groups", editorA,
                        Map.of("name", "Nhóm", "areaId", areaA, "deviceIds", List.of(deviceB)), 403, "FORBIDDEN"),
                bad("PUT user of B", "PUT", "/api/users/" + editorBId, adminA, Map.of("role", "VIEWER", "areaId", areaA), 403, "FORBIDDEN"),
                bad("PUT user into B", "PUT", "/api/users/" + viewerAId, adminA, Map.of("role", "VIEWER", "areaId", areaB), 403, "FORBIDDEN"),
                bad("PUT user to province ADMIN", "PUT", "/api/users/" + viewerAId, adminA, Map.of("role", "ADMIN", "areaId", province), 403, "FORBIDDEN"),
                bad("disable user of B", "POST", "/api/users/" + editorBId + "/disable", adminA, Map.of(), 403, "FORBIDDEN"),
                bad("reset password of B", "POST", "/api/users/" + editorBId + "/password", adminA, Map.of("password", "password-456"), 403, "FORBIDDEN"),
                bad("rename area B", "PUT", "/api/areas/" + areaB, adminA, Map.of("name", "Xã B mới", "parentId", province), 403, "FORBIDDEN"),
                bad("POST user in area B", "POST", "/api/users", adminA,
                        Map.of("username", "u5", "password", "password-123", "role", "VIEWER", "areaId", areaB), 403, "FORBIDDEN"),
                bad("GET logs of device", "GET", "/api/broadcast-logs?deviceId=" + deviceB, editorA, null, 403, "FORBIDDEN"),
                bad("GET logs of campaign", "GET", "/api/broadcast-logs?campaignId=" + emergencyCampaignB, editorA, null, 403, "FORBIDDEN"),
                bad("GET timeline", "GET", devB + "/timeline", editorA, null, 403, "FORBIDDEN"),
                bad("GET schedule.ics", "GET", "/api/areas/" + areaB + "/schedule.ics", editorA, null, 403, "FORBIDDEN"),
                bad("POST campaign for B", "POST", "/api/campaigns", editorA, campaign(mediaA, "areaIds", areaB), 403, "FORBIDDEN"),
                bad("PUT campaign", "PUT", "/api/campaigns/" + campaignB, editorA, campaign(mediaA, "deviceIds", deviceA), 403, "FORBIDDEN"),
                bad("POST submit", "POST", "/api/campaigns/" + campaignB + "/submit", editorA, Map.of(), 403, "FORBIDDEN"),
                bad("POST resume", "POST", "/api/campaigns/" + campaignB + "/resume", approverA, Map.of(), 403, "FORBIDDEN"),
                bad("POST cancel", "POST", "/api/campaigns/" + campaignB + "/cancel", editorA, Map.of(), 403, "FORBIDDEN"),
                bad("GET history", "GET", "/api/campaigns/" + campaignB + "/history", editorA, null, 403, "FORBIDDEN"),
                bad("GET plan", "GET", "/api/campaigns/" + campaignB + "/plan?" + range(), editorA, null, 403, "FORBIDDEN"),
                bad("DELETE media", "DELETE", "/api/media/" + mediaB, editorA, null, 403, "FORBIDDEN"),
                bad("GET poster", "GET", "/api/media/" + mediaB + "/poster.png", editorA, null, 403, "FORBIDDEN"),
                bad("GET waveform", "GET", "/api/media/" + mediaB + "/waveform.png", editorA, null, 403, "FORBIDDEN"),
                bad("GET emergency", "GET", "/api/emergency/" + emergencyB, editorA, null, 403, "FORBIDDEN"),
                bad("GET emergency events", "GET", "/api/emergency/" + emergencyB + "/events", editorA, null, 403, "FORBIDDEN"),
                bad("POST emergency stop", "POST", "/api/emergency/" + emergencyB + "/stop", editorA, Map.of(), 403, "FORBIDDEN"),
                bad("POST emergency with B's media", "POST", "/api/emergency", editorA, Map.of("mediaId", mediaB, "areaIds", List.of(areaA)), 403, "FORBIDDEN"),
                bad("POST emergency on area B", "POST", "/api/emergency", editorA, Map.of("mediaId", mediaA, "areaIds", List.of(areaB)), 403, "FORBIDDEN"))
                .map(b -> b.saying("area"));
    }

    Stream<Bad> badQueries() {
        String logs = "/api/broadcast-logs?";
        String timeline = "/api/devices/" + deviceA + "/timeline?";
        String ics = "/api/areas/" + areaA + "/schedule.ics?";
        String reversed = "from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z";
        return Stream.of(
                bad("logs from a date", "GET", logs + "from=2026-12-01", editorA, null, 400, "BAD_REQUEST"),
                bad("logs to garbage", "GET", logs + "to=yesterday", editorA, null, 400, "BAD_REQUEST"),
                bad("logs limit 0", "GET", logs + "limit=0", editorA, null, 400, "BAD_LIMIT"),
                bad("logs limit 10001", "GET", logs + "limit=10001", editorA, null, 400, "BAD_LIMIT"),
                bad("logs limit many", "GET", logs + "limit=many", editorA, null, 400, "BAD_REQUEST"),
                bad("timeline from garbage", "GET", timeline + "from=now", editorA, null, 400, "BAD_REQUEST"),
                bad("timeline reversed", "GET", timeline + reversed, editorA, null, 400, "BAD_RANGE"),
                bad("schedule.ics from garbage", "GET", ics + "from=now", editorA, null, 400, "BAD_REQUEST"),
                bad("schedule.ics reversed", "GET", ics + reversed, editorA, null, 400, "BAD_RANGE"),
                bad("plan from garbage", "GET", "/api/campaigns/" + draftA + "/plan?from=now&to=2026-12-01T00:00:00Z", editorA, null, 400, "BAD_REQUEST"),
                bad("area id not a number", "GET", "/api/areas/abc", editorA, null, 400, "BAD_REQUEST"));
    }

    /** A typo in the address, the method or the content type is named as such, not as a missing right. */
    Stream<Bad> wrongAddresses() {
        return Stream.of(
                bad("unknown address", "GET", "/api/campaign", editorA, null, 404, "NOT_FOUND"),
                bad("unknown address, not logged in", "GET", "/api/campaign", null, null, 404, "NOT_FOUND"),
                bad("wrong method", "DELETE", "/api/areas", editorA, null, 405, "METHOD_NOT_ALLOWED"),
                new Bad("POST campaign as plain text", () -> send("POST", "/api/campaigns", editorA, "text/plain",
                        "title: x".getBytes(StandardCharsets.UTF_8)), 415, "UNSUPPORTED_MEDIA_TYPE"),
                bad("a known address still needs a login", "GET", "/api/areas", null, null, 401, "UNAUTHORIZED"));
    }

    /** Each case states its status and code: 400 for malformed JSON, missing fields and bad queries, 404, 403. */
    @ParameterizedTest(name = "{0}")
    @MethodSource({"malformedJson", "missingOrWrongFields", "unknownIds", "wrongRole", "anotherAreasData", "badQueries",
            "wrongAddresses"})
    void badInputIsAnsweredWithItsStatusAndCode(Bad bad) {
        bad.check(this);
    }

    @Test
    void listsShowNothingOfAnotherArea() {
        await().atMost(WAIT).until(() -> !ids(adminAuth, "/api/broadcast-logs?deviceId=" + deviceB, "deviceId").isEmpty());
        assertListed(true, adminAuth, "/api/broadcast-logs", "deviceId", deviceB);
        assertListed(false, editorA, "/api/broadcast-logs", "deviceId", deviceB);
        assertListed(true, editorA, "/api/devices", "id", deviceA);
        assertListed(false, editorA, "/api/devices", "id", deviceB);
        assertListed(true, adminAuth, "/api/device-groups", "id", groupB);
        assertListed(false, editorA, "/api/device-groups", "id", groupB);
        assertListed(true, editorA, "/api/campaigns", "id", draftA);
        assertListed(false, editorA, "/api/campaigns", "id", campaignB);
        assertListed(false, editorA, "/api/campaigns", "id", emergencyCampaignB);
        assertListed(true, editorA, "/api/media", "id", mediaA);
        assertListed(false, editorA, "/api/media", "id", mediaB);
    }

    @Test
    void anUploadWithoutFileOrTitleIsRefused() {
        assertError(upload(editorA, Map.of("title", "Không có tệp"), null, null), 400, "BAD_REQUEST");
        assertError(upload(editorA, Map.of(), "", tone), 400, "MISSING_FIELD");
        Answer untitled = upload(editorA, Map.of(), "ban-tin.wav", tone);
        assertEquals(202, untitled.status(), "without a title the file's name is the title: " + untitled);
        assertEquals("ban-tin.wav", untitled.map().get("title"));
    }

    @Test
    void screenshotsOfAnotherDevicesCommandAndBadPicturesAreRefused() throws Exception {
        Api.Reply led = admin.post("/api/devices", Map.of("name", "Màn hình LED", "areaId", areaA, "kind", "LED",
                "screenWidth", 384, "screenHeight", 192));
        String ledToken = enroll(led.string("enrollmentCode"));
        try (AgentClient agent = new AgentClient(server.getURI(), ledToken, json)) {
            agent.next("welcome", WAIT);
            long command = created(call("POST", "/api/devices/" + led.id() + "/commands", editorA, body(Map.of("name", "SCREENSHOT"))));
            agent.next("command", WAIT);
            String shot = "/agent/commands/" + command + "/screenshot";
            assertError(call("GET", "/api/devices/" + led.id() + "/commands/" + command + "/screenshot", editorA, null), 404, "NO_SCREENSHOT");
            assertError(png(shot, "Device " + deviceAToken, "image/png"), 404, "NOT_FOUND");
            assertError(png(shot, null, "image/png"), 401, "UNAUTHORIZED");
            assertError(png(shot, "Device dvt_wrong", "image/png"), 401, "UNAUTHORIZED");
            assertError(send("PUT", shot, "Device " + ledToken, "image/png", "not a picture".getBytes(StandardCharsets.UTF_8)), 400, "BAD_SCREENSHOT");
            assertError(call("GET", "/api/devices/" + deviceA + "/commands/" + command, editorA, null), 404, "NOT_FOUND");
            assertError(call("GET", "/api/devices/" + led.id() + "/commands/" + command, editorB, null), 403, "FORBIDDEN");
        }
    }

    @Test
    void theAgentLinkRefusesABadToken() {
        assertEquals(401, refusedHandshake("Device dvt_wrong"));
        assertEquals(401, refusedHandshake(null));
        assertEquals(403, refusedHandshake(adminAuth), "a staff token is not a device's");
    }

    /** An agent's malformed message is answered in words: the agent's log is read by a technician, not a Java developer. */
    @Test
    void aMalformedAgentMessageIsAnsweredWithoutJavaInternals() throws Exception {
        try (AgentClient agent = new AgentClient(server.getURI(), deviceAToken, json)) {
            agent.next("welcome", WAIT);
            List<Map<String, Object>> bad = List.of(
                    Map.of("v", 1, "type", "report", "reportId", "x", "orderId", "not a number", "status", "PLAYED"),
                    Map.of("v", 1, "type", "heartbeat", "uptimeSeconds", List.of(1, 2)),
                    Map.of("v", 1, "type", "timeRequest", "t0", "yesterday"));
            for (Map<String, Object> message : bad) {
                agent.send(message);
                Map<String, Object> error = agent.nextOrNull("error", Duration.ofSeconds(10));
                assertNotNull(error, () -> "no error answers " + message);
                assertEquals("BAD_MESSAGE", error.get("code"), error::toString);
                String text = (String) error.get("message");
                assertFalse(JAVA_INTERNALS.matcher(text).find() || text.contains("Exception"),
                        () -> "the answer to " + message + " names no Java type or parser internals: " + text);
            }
        }
    }

    @Test
    void aDeviceReportingOnAnotherDevicesRealOrderIsRefused() throws Exception {
        try (AgentClient a = new AgentClient(server.getURI(), deviceAToken, json);
             AgentClient b = new AgentClient(server.getURI(), deviceBToken, json)) {
            a.next("welcome", WAIT);
            a.hello(WAIT);
            b.next("welcome", WAIT);
            long campaign = approvedOnceFor(deviceA, LocalDateTime.now(ZONE).plusMinutes(10).truncatedTo(ChronoUnit.SECONDS));
            long orderId = orderOf(a, campaign);

            String now = java.time.OffsetDateTime.now(ZONE).toString();
            for (String status : List.of("PLAYING", "PLAYED", "FAILED")) {
                Map<String, Object> report = new HashMap<>(Map.of("v", 1, "type", "report", "reportId", orderId + ":" + status,
                        "orderId", orderId, "status", status, "startedAt", now, "endedAt", now));
                b.send(report);
                Map<String, Object> ack = b.next("ack", WAIT);
                assertEquals(false, ack.get("accepted"), () -> "device B's report on device A's order " + orderId + ": " + ack);
            }
            List<Map<String, Object>> logs = admin.list("/api/broadcast-logs?campaignId=" + campaign);
            assertEquals(1, logs.size(), logs::toString);
            Map<String, Object> log = logs.getFirst();
            assertEquals(List.of(orderId, deviceA), List.of(((Number) log.get("id")).longValue(), ((Number) log.get("deviceId")).longValue()));
            assertEquals("PENDING", log.get("status"), "device A's log is as it was");
            assertNull(log.get("startedAt"));
            assertNull(log.get("endedAt"));
            assertEquals(200, call("POST", "/api/campaigns/" + campaign + "/cancel", adminAuth, "{}").status());
        }
    }

    /** A commune sees a wider area's campaign, but not the plays on another commune's devices nor what they overlap there. */
    @Test
    void aWiderCampaignsPlanShowsACommuneOnlyItsOwnDevices() {
        long inB = created(call("POST", "/api/campaigns", editorB, body(campaign("Lịch riêng xã B", mediaB, "areaIds", areaB))));
        assertEquals(200, call("POST", "/api/campaigns/" + inB + "/approve", adminAuth, "{}").status());
        long wide = created(call("POST", "/api/campaigns", adminAuth, body(campaign("Toàn tỉnh", mediaA, "areaIds", province))));
        String plan = "/api/campaigns/" + wide + "/plan?" + range();
        Answer whole = send("GET", plan, adminAuth, null, null);
        assertTrue(whole.body().contains("Lịch riêng xã B") && rows(whole).stream().anyMatch(e -> number(e, "deviceId") == deviceB),
                () -> "the province sees B's plays and what they overlap: " + whole);
        Answer seen = send("GET", plan, editorA, null, null);
        List<Long> seenDevices = rows(seen).stream().map(e -> number(e, "deviceId")).distinct().toList();
        assertTrue(seenDevices.contains(deviceA), seen::toString);
        assertTrue(ids(editorA, "/api/devices", "id").containsAll(seenDevices), () -> "only area A's devices: " + seen);
        assertFalse(seen.body().contains("Lịch riêng xã B"), () -> "nothing of B's own campaign: " + seen);
        for (long id : List.of(inB, wide)) {
            assertEquals(200, call("POST", "/api/campaigns/" + id + "/cancel", adminAuth, "{}").status());
        }
    }

    /** The same for an emergency started above the commune: its status lists the commune's own devices only. */
    @Test
    void aWiderEmergencyShowsACommuneOnlyItsOwnDevices() {
        Answer started = call("POST", "/api/emergency", adminAuth, body(Map.of("mediaId", mediaA, "deviceIds", List.of(deviceA, deviceB))));
        assertEquals(202, started.status(), started::toString);
        String status = "/api/emergency/" + started.id();
        try {
            await().atMost(WAIT).until(() -> stateDevices(adminAuth, status).equals(List.of(deviceA, deviceB)));
            assertEquals(List.of(deviceA), stateDevices(editorA, status));
        } finally {
            assertEquals(200, call("POST", status + "/stop", adminAuth, "{}").status());
        }
    }

    // --- the calls ---

    record Answer(int status, String contentType, String body, Map<String, Object> map) {
        long id() {
            return ((Number) map.get("id")).longValue();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    /** One bad request and the error it must get; named for the test report. */
    record Bad(String what, Supplier<Answer> call, int status, String code, String hint) {
        Bad(String what, Supplier<Answer> call, int status, String code) {
            this(what, call, status, code, null);
        }

        /** The message must say this too: a framework refusal (no route, wrong token kind) would not. */
        Bad saying(String words) {
            return new Bad(what, call, status, code, words);
        }

        void check(ApiBadInputTest test) {
            Answer answer = call.get();
            test.assertError(answer, status, code);
            if (hint != null) {
                assertTrue(((String) answer.map().get("message")).contains(hint), () -> "the message says '" + hint + "': " + answer);
            }
        }

        @Override
        public String toString() {
            return what;
        }
    }

    private Bad bad(String what, String method, String path, String auth, Map<String, ?> body, int status, String code) {
        return new Bad(method + " " + what, () -> call(method, path, auth, body == null ? null : body(body)), status, code);
    }

    Answer call(String method, String path, String auth, String jsonBody) {
        byte[] bytes = jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8);
        return send(method, path, auth, jsonBody == null ? null : "application/json", bytes);
    }

    Answer png(String path, String auth, String contentType) {
        return send("PUT", path, auth, contentType, new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
    }

    /** A multipart form as a browser sends it; the file part left out when {@code file} is null. */
    Answer upload(String auth, Map<String, String> fields, String fileName, Path file) {
        String boundary = "----badinput" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (file != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            try {
                out.writeBytes(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", "/api/media", auth, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    Answer send(String method, String path, String auth, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path)).timeout(WAIT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Answer(response.statusCode(), type, response.body(), parse(type, response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> parse(String contentType, String body) {
        if (!contentType.startsWith("application/json") || body.isBlank() || !body.startsWith("{")) {
            return Map.of();
        }
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** The exact status, a JSON body, the expected code and a non-blank message. */
    void assertError(Answer answer, int status, String code) {
        assertEquals(status, answer.status(), () -> "status of " + answer);
        assertTrue(answer.contentType().startsWith("application/json"), () -> "JSON content type: " + answer);
        Object message = answer.map().get("message");
        assertEquals(code, answer.map().get("code"), () -> "code of " + answer);
        assertTrue(message instanceof String s && !s.isBlank(), () -> "message of " + answer);
        assertFalse(JAVA_INTERNALS.matcher((String) message).find(), () -> "the message names no Java type or parser internals: " + answer);
    }

    private int refusedHandshake(String auth) {
        URI ws = URI.create(server.getURI().toString().replaceFirst("^http", "ws") + "/agent/ws");
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (auth != null) {
            builder.header("Authorization", auth);
        }
        CompletionException refused = assertThrows(CompletionException.class,
                () -> builder.buildAsync(ws, new WebSocket.Listener() { }).join(), "the server must refuse the upgrade");
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        return handshake.getResponse().statusCode();
    }

    // --- the world ---

    private String user(String name, String role, long areaId) {
        assertEquals(201, admin.post("/api/users", Map.of("username", name, "password", "password-123", "role", role, "areaId", areaId)).status());
        return "Bearer " + Api.login(client.toBlocking(), name, "password-123").tokenForTests();
    }

    private long userId(String username) {
        return admin.list("/api/users").stream().filter(u -> username.equals(u.get("username")))
                .map(u -> ((Number) u.get("id")).longValue()).findFirst().orElseThrow();
    }

    private String enroll(String code) {
        Answer enrolled = call("POST", "/agent/enroll", null, body(Map.of("v", 1, "code", code, "agentVersion", "test")));
        assertEquals(200, enrolled.status(), enrolled::toString);
        return (String) enrolled.map().get("token");
    }

    private long readyMedia(String auth, String title, Path file) {
        Answer accepted = upload(auth, Map.of("title", title), file.getFileName().toString(), file);
        assertEquals(202, accepted.status(), accepted::toString);
        long id = accepted.id();
        await().atMost(WAIT).until(() -> "READY".equals(call("GET", "/api/media/" + id, auth, null).map().get("status")));
        return id;
    }

    private Map<String, Object> campaign(long mediaId, String targetKind, long target) {
        return campaign("Tuyên truyền", mediaId, targetKind, target);
    }

    private Map<String, Object> campaign(String title, long mediaId, String targetKind, long target) {
        return Map.of("title", title, "level", "NORMAL", "startDate", "2027-03-01", "endDate", "2027-03-31",
                "targets", Map.of(targetKind, List.of(target)),
                "items", List.of(Map.of("mediaId", mediaId, "rule", Map.of("type", "DAILY", "times", List.of("06:30")))));
    }

    private long approvedOnceFor(long deviceId, LocalDateTime at) {
        long id = created(call("POST", "/api/campaigns", adminAuth, body(Map.of("title", "Một lần", "level", "NORMAL",
                "startDate", at.toLocalDate().toString(), "endDate", at.toLocalDate().toString(),
                "targets", Map.of("deviceIds", List.of(deviceId)),
                "items", List.of(Map.of("mediaId", mediaA, "rule", Map.of("type", "ONCE", "at", at.toString())))))));
        Answer approved = call("POST", "/api/campaigns/" + id + "/approve", adminAuth, "{}");
        assertEquals("APPROVED", approved.map().get("status"), approved::toString);
        return id;
    }

    private static long created(Answer answer) {
        assertTrue(answer.status() == 201 || answer.status() == 202, answer::toString);
        return answer.id();
    }

    private static String range() {
        return "from=2027-03-01T00:00:00Z&to=2027-03-02T00:00:00Z";
    }

    private String body(Map<String, ?> value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Long> ids(String auth, String path, String field) {
        return rows(send("GET", path, auth, null, null)).stream().map(r -> number(r, field)).toList();
    }

    private List<Long> stateDevices(String auth, String status) {
        Answer answer = call("GET", status, auth, null);
        assertEquals(200, answer.status(), answer::toString);
        return ((List<?>) answer.map().get("devices")).stream().map(d -> number((Map<?, ?>) d, "deviceId")).sorted().toList();
    }

    private List<Map<String, Object>> rows(Answer answer) {
        assertEquals(200, answer.status(), answer::toString);
        try {
            return json.readValue(answer.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long number(Map<?, ?> row, String field) {
        return ((Number) row.get(field)).longValue();
    }

    /** The id of the order the device got for this campaign, skipping others pushed meanwhile. */
    private static long orderOf(AgentClient agent, long campaign) throws InterruptedException {
        while (true) {
            for (Object order : (List<?>) agent.next("orders", WAIT).get("orders")) {
                if (number((Map<?, ?>) order, "campaignId") == campaign) {
                    return number((Map<?, ?>) order, "orderId");
                }
            }
        }
    }

    private void assertListed(boolean listed, String auth, String path, String field, long id) {
        assertEquals(listed, ids(auth, path, field).contains(id), () -> path + (listed ? " lists " : " must not list ") + field + " " + id);
    }
}
