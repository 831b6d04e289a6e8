package communecast.app.security;

import communecast.app.Api;
import communecast.app.LiveServerTest;
import communecast.app.TestServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Another system calls the API with a key: the key's role and area, the scope rules of a user, shown once and kept
 * only as a hash, its last use written down, and it stops at once when revoked or when its administrator is disabled.
 */
@MicronautTest
class ApiKeysTest extends LiveServerTest {
    @Inject
    Jdbi jdbi;

    Api admin;
    long province;
    long commune;
    long otherProvince;
    Api provinceAdmin;
    Api communeAdmin;

    @BeforeAll
    void world() {
        admin = Api.login(client.toBlocking(), "admin", TestServer.ADMIN_PASSWORD);
        province = admin.post("/api/areas", Map.of("name", "Tỉnh Lào Cai", "code", "LC", "kind", "PROVINCE")).id();
        commune = admin.post("/api/areas", Map.of("name", "Xã Bản Vược", "code", "LC-BV", "kind", "COMMUNE", "parentId", province)).id();
        otherProvince = admin.post("/api/areas", Map.of("name", "Tỉnh Yên Bái", "code", "YB", "kind", "PROVINCE")).id();
        admin.post("/api/users", Map.of("username", "qt-lao-cai", "password", "password-123", "role", "ADMIN", "areaId", province));
        admin.post("/api/users", Map.of("username", "qt-ban-vuoc", "password", "password-123", "role", "ADMIN", "areaId", commune));
        provinceAdmin = Api.login(client.toBlocking(), "qt-lao-cai", "password-123");
        communeAdmin = Api.login(client.toBlocking(), "qt-ban-vuoc", "password-123");
    }

    @Test
    void aKeyActsWithItsRoleAndAreaAndIsKeptOnlyAsAHash() throws Exception {
        Api.Reply made = provinceAdmin.post("/api/api-keys", Map.of("name", "Hệ thống thông tin nguồn tỉnh", "role", "VIEWER", "areaId", province));
        assertEquals(201, made.status(), () -> String.valueOf(made.body()));
        String key = made.string("key");
        assertTrue(key.startsWith("cck_") && key.length() > 40, key);
        assertEquals("VIEWER", made.string("role"));
        assertEquals("qt-lao-cai", made.string("createdBy"));

        Api system = new Api(client.toBlocking(), key);
        assertEquals(200, system.get("/api/areas/" + commune).status(), "inside its area");
        assertEquals(403, system.get("/api/areas/" + otherProvince).status(), "another province's area is not its");
        assertEquals(403, system.post("/api/areas", Map.of("name", "Xã mới", "code", "LC-XM", "kind", "COMMUNE", "parentId", province)).status(),
                "a VIEWER key changes nothing");
        Map<String, Object> listed = provinceAdmin.list("/api/api-keys").stream().filter(k -> k.get("id").equals(made.body().get("id"))).findFirst().orElseThrow();
        assertNull(listed.get("key"), "the key is shown once");
        assertNotNull(listed.get("lastUsedAt"), "its use is written down");

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        List<String> stored = jdbi.withHandle(h -> h.createQuery("SELECT key_hash FROM api_key WHERE id = :id").bind("id", made.id()).mapTo(String.class).list());
        assertEquals(List.of(sha256), stored, "only the hash is kept");
        int plain = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_key WHERE key_hash LIKE '%cck%'").mapTo(Integer.class).one());
        assertEquals(0, plain, "no key in the clear");
    }

    @Test
    void nobodyMakesAKeyThatCanDoMoreThanThey() {
        assertEquals(403, communeAdmin.post("/api/api-keys", Map.of("name", "Cổng tỉnh", "role", "ADMIN", "areaId", province)).status(),
                "a commune admin cannot make a key for the province");
        Map<String, Object> national = new java.util.HashMap<>(Map.of("name", "Cả nước", "role", "ADMIN"));
        assertEquals(403, provinceAdmin.post("/api/api-keys", national).status(), "nor a province admin one for the whole country");
        assertEquals(403, provinceAdmin.post("/api/api-keys", Map.of("name", "Yên Bái", "role", "VIEWER", "areaId", otherProvince)).status());
        admin.post("/api/users", Map.of("username", "bt-lao-cai", "password", "password-123", "role", "EDITOR", "areaId", province));
        Api editor = Api.login(client.toBlocking(), "bt-lao-cai", "password-123");
        assertEquals(403, editor.post("/api/api-keys", Map.of("name", "Của biên tập", "role", "EDITOR", "areaId", province)).status(), "only an ADMIN");
        assertEquals(403, editor.get("/api/api-keys").status());

        assertEquals("MISSING_FIELD", provinceAdmin.post("/api/api-keys", Map.of("role", "VIEWER", "areaId", province)).string("code"));
        assertEquals("TOO_LONG", provinceAdmin.post("/api/api-keys", Map.of("name", "x".repeat(81), "role", "VIEWER", "areaId", province)).string("code"));
        assertEquals(400, provinceAdmin.post("/api/api-keys", Map.of("name", "Sai vai trò", "role", "ROOT", "areaId", province)).status());
        assertEquals(400, provinceAdmin.postRaw("/api/api-keys", "{\"name\": ").status(), "bad JSON");

        Api.Reply ownKey = communeAdmin.post("/api/api-keys", Map.of("name", "Website xã", "role", "VIEWER", "areaId", commune));
        assertEquals(201, ownKey.status());
        Api communeKey = new Api(client.toBlocking(), ownKey.string("key"));
        assertEquals(403, communeKey.get("/api/api-keys").status(), "a VIEWER key does not manage keys");
        assertTrue(provinceAdmin.list("/api/api-keys").stream().anyMatch(k -> k.get("id").equals(ownKey.body().get("id"))), "the province sees the commune's keys");
        assertTrue(communeAdmin.list("/api/api-keys").stream().allMatch(k -> Long.valueOf(commune).equals(((Number) k.get("areaId")).longValue())),
                "the commune sees only its own");
        assertEquals(403, communeAdmin.exchange(io.micronaut.http.HttpRequest.DELETE("/api/api-keys/" + provinceKey())).status(),
                "nor revokes the province's");
        assertEquals(404, provinceAdmin.exchange(io.micronaut.http.HttpRequest.DELETE("/api/api-keys/987654")).status());
    }

    @Test
    void aRevokedKeyOrOneWhoseAdministratorIsDisabledStopsAtOnce() {
        Api.Reply made = provinceAdmin.post("/api/api-keys", Map.of("name", "Cổng thông tin tỉnh", "role", "EDITOR", "areaId", province));
        Api system = new Api(client.toBlocking(), made.string("key"));
        assertEquals(200, system.get("/api/areas/" + province).status());
        assertEquals(201, system.post("/api/media/streams", Map.of("title", "Tiếp sóng VOV1", "url", "http://127.0.0.1:9/vov1", "minutes", 30)).status(),
                "an EDITOR key adds to the library, on behalf of its administrator");
        Api.Reply revoked = provinceAdmin.exchange(io.micronaut.http.HttpRequest.DELETE("/api/api-keys/" + made.id()));
        assertEquals(200, revoked.status());
        assertNotNull(revoked.body().get("revokedAt"));
        assertEquals(401, system.get("/api/areas/" + province).status(), "revoked: refused at its next request");
        assertEquals(401, new Api(client.toBlocking(), "cck_" + "A".repeat(43)).get("/api/areas/" + province).status(), "an unknown key");

        admin.post("/api/users", Map.of("username", "qt-tam", "password", "password-123", "role", "ADMIN", "areaId", province));
        Api temporary = Api.login(client.toBlocking(), "qt-tam", "password-123");
        Api second = new Api(client.toBlocking(), temporary.post("/api/api-keys", Map.of("name", "Tạm", "role", "VIEWER", "areaId", province)).string("key"));
        assertEquals(200, second.get("/api/areas/" + province).status());
        long user = admin.list("/api/users").stream().filter(u -> "qt-tam".equals(u.get("username"))).map(u -> ((Number) u.get("id")).longValue()).findFirst().orElseThrow();
        admin.post("/api/users/" + user + "/disable", Map.of());
        assertEquals(401, second.get("/api/areas/" + province).status(), "its administrator was disabled");
        assertFalse(provinceAdmin.list("/api/api-keys").isEmpty());
    }

    private long provinceKey() {
        return ((Number) provinceAdmin.post("/api/api-keys", Map.of("name", "Của tỉnh", "role", "VIEWER", "areaId", province)).body().get("id")).longValue();
    }
}
