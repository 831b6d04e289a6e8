package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every mistake a user can make gets a 4xx {code, message}, and the server stays healthy. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiErrorsTest implements TestPropertyProvider {
    @Inject
    @Client("/")
    HttpClient client;

    Api admin;
    long province;
    long communeA;
    long communeB;
    long deviceInB;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServer.properties();
        properties.put("micronaut.server.max-request-size", "1MB");
        properties.put("micronaut.server.multipart.max-file-size", "1MB");
        properties.put("communecast.media.max-duration", "2s");
        return properties;
    }

    @BeforeAll
    void world() {
        admin = Api.admin(client.toBlocking());
        province = admin.post("/api/areas", Map.of("name", "Tỉnh Lạng Sơn", "code", "LS", "kind", "PROVINCE")).id();
        communeA = admin.post("/api/areas", Map.of("name", "Xã A", "code", "LS-A", "kind", "COMMUNE", "parentId", province)).id();
        communeB = admin.post("/api/areas", Map.of("name", "Xã B", "code", "LS-B", "kind", "COMMUNE", "parentId", province)).id();
        deviceInB = admin.post("/api/devices", Map.of("name", "Đài xã B", "areaId", communeB, "kind", "RADIO")).id();
        user("editor-a", "EDITOR", communeA);
        user("viewer-a", "VIEWER", communeA);
        user("approver-a", "APPROVER", communeA);
    }

    @AfterEach
    void stillHealthy() {
        Api.Reply health = new Api(client.toBlocking(), null).get("/health");
        assertEquals(200, health.status());
        assertEquals("UP", health.string("status"));
    }

    @Test
    void badCredentialsAndMissingToken() {
        Api anonymous = new Api(client.toBlocking(), null);
        assertError(anonymous.post("/api/auth/login", Map.of("username", "admin", "password", "wrong")), 401, "BAD_CREDENTIALS");
        assertError(anonymous.get("/api/areas"), 401, "UNAUTHORIZED");
        assertError(new Api(client.toBlocking(), "not-a-jwt").get("/api/areas"), 401, "UNAUTHORIZED");
    }

    @Test
    void malformedJsonAndMissingFields() {
        assertError(admin.postRaw("/api/areas", "{\"name\": "), 400, "BAD_REQUEST");
        assertError(admin.postRaw("/api/devices", "[1,2]"), 400, "BAD_REQUEST");
        assertError(admin.post("/api/areas", Map.of("name", "X")), 400, "MISSING_FIELD");
        assertError(admin.post("/api/devices", Map.of("name", "LED", "areaId", communeA, "kind", "LED")), 400, "MISSING_FIELD");
        assertError(admin.postRaw("/api/devices", "{\"name\":\"x\",\"areaId\":1,\"kind\":\"TOASTER\"}"), 400, "BAD_REQUEST");
        assertError(admin.post("/api/campaigns", Map.of("title", "No dates")), 400, "MISSING_FIELD");
        assertError(admin.post("/api/areas", Map.of("name", "x".repeat(300), "code", "LONG", "kind", "PROVINCE")), 400, "BAD_VALUE");
        assertError(admin.post("/api/areas", Map.of("name", "Trùng mã", "code", "LS", "kind", "PROVINCE")), 409, "DUPLICATE_CODE");
    }

    @Test
    void unknownIds() {
        assertError(admin.get("/api/devices/987654"), 404, "NOT_FOUND");
        assertError(admin.get("/api/media/987654"), 404, "NOT_FOUND");
        assertError(admin.get("/api/campaigns/987654"), 404, "NOT_FOUND");
        assertError(admin.post("/api/campaigns/987654/approve", Map.of()), 404, "NOT_FOUND");
        assertError(admin.get("/api/reports/campaigns/987654"), 404, "NOT_FOUND");
        assertError(admin.post("/api/devices", Map.of("name", "x", "areaId", 987654, "kind", "RADIO")), 404, "NOT_FOUND");
    }

    @Test
    void wrongRoleAndOtherAreasData() {
        Api viewer = Api.login(client.toBlocking(), "viewer-a", "password-123");
        Api editor = Api.login(client.toBlocking(), "editor-a", "password-123");
        assertError(viewer.post("/api/devices", Map.of("name", "x", "areaId", communeA, "kind", "RADIO")), 403, "FORBIDDEN");
        assertError(editor.post("/api/areas", Map.of("name", "x", "code", "x", "kind", "VILLAGE", "parentId", communeA)), 403, "FORBIDDEN");
        assertError(editor.get("/api/devices/" + deviceInB), 403, "FORBIDDEN");
        assertError(editor.post("/api/devices", Map.of("name", "x", "areaId", communeB, "kind", "RADIO")), 403, "FORBIDDEN");
        assertTrue(admin.list("/api/areas").getFirst().containsKey("parentId"), "null fields are shown, not left out");
        List<Map<String, Object>> visible = editor.list("/api/areas");
        assertEquals(List.of(communeA), visible.stream().map(a -> ((Number) a.get("id")).longValue()).toList());
    }

    @Test
    void badEnrollmentCodeAndDeviceTokenOnStaffApi() {
        Api anonymous = new Api(client.toBlocking(), null);
        assertError(anonymous.post("/agent/enroll", Map.of("v", 1, "code", "NOPE-NOPE")), 401, "ENROLLMENT_CODE_INVALID");
        String code = admin.post("/api/devices", Map.of("name", "Đài A", "areaId", communeA, "kind", "RADIO")).string("enrollmentCode");
        Api.Reply enrolled = anonymous.post("/agent/enroll", Map.of("v", 1, "code", code, "agentVersion", "test"));
        assertEquals(200, enrolled.status());
        assertError(anonymous.post("/agent/enroll", Map.of("v", 1, "code", code)), 401, "ENROLLMENT_CODE_INVALID");
        String token = enrolled.string("token");
        Api.Reply asDevice = anonymous.exchange(HttpRequest.GET("/api/areas").header("Authorization", "Device " + token));
        assertError(asDevice, 403, "FORBIDDEN");
        Api.Reply badDevice = anonymous.exchange(HttpRequest.GET("/agent/media/1").header("Authorization", "Device dvt_wrong"));
        assertEquals(401, badDevice.status());
    }

    @Test
    void undecodableUploadIsRejectedWithTheReason(@TempDir Path dir) {
        Api.Reply accepted = admin.upload("Không phải âm thanh", TestMedia.textDisguisedAs(dir.resolve("bulletin.mp3")));
        assertEquals(202, accepted.status());
        long id = accepted.id();
        await().atMost(Duration.ofSeconds(20)).until(() -> !"PROCESSING".equals(admin.get("/api/media/" + id).string("status")));
        Api.Reply media = admin.get("/api/media/" + id);
        assertEquals("REJECTED", media.string("status"));
        assertTrue(media.string("error").contains("not a media file"), media.string("error"));
    }

    @Test
    void aBulletinLongerThanTheLimitIsRejected(@TempDir Path dir) {
        long id = admin.upload("Quá dài", TestMedia.tone(dir.resolve("long.wav"), Duration.ofSeconds(3), 440)).id();
        await().atMost(Duration.ofSeconds(20)).until(() -> !"PROCESSING".equals(admin.get("/api/media/" + id).string("status")));
        Api.Reply media = admin.get("/api/media/" + id);
        assertEquals("REJECTED", media.string("status"));
        assertTrue(media.string("error").contains("more than the 2.0 s accepted"), media.string("error"));
    }

    @Test
    void anUploadOverTheLimitIs413(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.wav");
        Files.write(big, new byte[2 * 1024 * 1024]);
        Api.Reply refused = admin.upload("Quá lớn", big);
        assertError(refused, 413, "PAYLOAD_TOO_LARGE");
        assertTrue(refused.string("message").matches("the request has \\d+ bytes; at most 1048576 are taken here"), refused.string("message"));
    }

    @Test
    void campaignMistakes(@TempDir Path dir) {
        long mediaId = admin.upload("Bản tin", TestMedia.tone(dir.resolve("tone.wav"), Duration.ofSeconds(1), 440)).id();
        Map<String, Object> badRule = campaign(mediaId, Map.of("type", "WEEKLY"));
        assertError(admin.post("/api/campaigns", badRule), 400, "BAD_RULE");
        Map<String, Object> badTime = campaign(mediaId, Map.of("type", "DAILY", "times", List.of("25:99")));
        assertError(admin.post("/api/campaigns", badTime), 400, "BAD_RULE");
        Map<String, Object> outside = campaign(mediaId, Map.of("type", "ONCE", "at", "2030-01-01T06:30:00"));
        assertError(admin.post("/api/campaigns", outside), 400, "BAD_RULE");
        assertError(admin.post("/api/campaigns", campaign(987654L, Map.of("type", "DAILY", "times", List.of("06:30")))), 404, "NOT_FOUND");
        Api viewer = Api.login(client.toBlocking(), "viewer-a", "password-123");
        assertError(viewer.post("/api/campaigns", campaign(mediaId, Map.of("type", "DAILY", "times", List.of("06:30")))), 403, "FORBIDDEN");
        long id = admin.post("/api/campaigns", campaign(mediaId, Map.of("type", "DAILY", "times", List.of("06:30")))).id();
        assertError(admin.get("/api/campaigns/" + id + "/plan"), 400, "BAD_RANGE");
        assertError(admin.get("/api/reports/campaigns/" + id + "?format=docx"), 400, "UNSUPPORTED_FORMAT");
        Api approver = Api.login(client.toBlocking(), "approver-a", "password-123");
        assertError(approver.post("/api/campaigns/" + id + "/approve", Map.of()), 403, "FORBIDDEN");
        assertError(approver.post("/api/campaigns/" + id + "/cancel", Map.of()), 403, "FORBIDDEN");
        assertEquals(200, approver.get("/api/campaigns/" + id).status(), "a commune sees the country's campaigns");
        assertEquals(200, admin.post("/api/campaigns/" + id + "/cancel", Map.of()).status());
        assertError(admin.post("/api/campaigns/" + id + "/approve", Map.of()), 409, "BAD_STATUS");
    }

    private Map<String, Object> campaign(long mediaId, Map<String, Object> rule) {
        return Map.of("title", "Tuyên truyền PCCC", "level", "NORMAL", "startDate", "2026-12-01", "endDate", "2026-12-31",
                "targets", Map.of("areaIds", List.of(communeB)), "items", List.of(Map.of("mediaId", mediaId, "rule", rule)));
    }

    private void user(String name, String role, long areaId) {
        assertEquals(201, admin.post("/api/users", Map.of("username", name, "password", "password-123", "role", role, "areaId", areaId)).status());
    }

    private static void assertError(Api.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), () -> "status of " + reply);
        assertEquals(code, reply.body().get("code"), () -> "code of " + reply);
        assertNotNull(reply.body().get("message"), () -> "message of " + reply);
    }
}
