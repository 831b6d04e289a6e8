package communecast.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts as an office runs them: an ADMIN lists, changes, disables and resets the users of their area, never
 * beyond it and never their own; everyone changes their own password, and old sessions end with it.
 */
@MicronautTest
class UserAccountsTest extends LiveServerTest {
    static final String PASSWORD = "password-123";

    Api admin;
    long province;
    long commune;
    long otherProvince;

    @BeforeAll
    void world() {
        admin = Api.admin(client.toBlocking());
        commune = admin.communeIn("Tỉnh Nghệ An", "NA", "Xã Nghi Lộc", "NA-NL");
        province = ((Number) admin.get("/api/areas/" + commune).body().get("parentId")).longValue();
        otherProvince = admin.post("/api/areas", Map.of("name", "Tỉnh Hà Tĩnh", "code", "HT2", "kind", "PROVINCE")).id();
    }

    @Test
    void anAdminManagesTheAccountsOfTheirAreaAndGrantsNothingBeyondIt() {
        long communeAdminId = create(admin, "quan-tri-nghi-loc", "ADMIN", commune);
        Api communeAdmin = login("quan-tri-nghi-loc", PASSWORD);
        long editor = create(communeAdmin, "bien-tap-nghi-loc", "EDITOR", commune);
        long elsewhere = create(admin, "bien-tap-ha-tinh", "EDITOR", otherProvince);

        List<Map<String, Object>> listed = communeAdmin.list("/api/users");
        assertTrue(listed.stream().map(u -> u.get("username")).toList().containsAll(List.of("bien-tap-nghi-loc", "quan-tri-nghi-loc")), listed.toString());
        assertTrue(listed.stream().allMatch(u -> "Xã Nghi Lộc".equals(u.get("areaName"))), "only the commune's accounts: " + listed);
        assertEquals(false, listed.getFirst().get("disabled"));
        assertTrue(admin.list("/api/users").stream().anyMatch(u -> "admin".equals(u.get("username"))), "the country's admin sees all");

        assertEquals(403, communeAdmin.get("/api/users/" + elsewhere).status(), "another province's user");
        assertEquals(404, communeAdmin.get("/api/users/999999").status());
        assertEquals(403, communeAdmin.put("/api/users/" + editor, Map.of("role", "EDITOR", "areaId", province)).status(), "moved above the admin's area");
        assertEquals(403, communeAdmin.put("/api/users/" + editor, Map.of("role", "ADMIN")).status(), "made a national admin");
        assertEquals(403, communeAdmin.post("/api/users", Map.of("username", "quan-tri-tinh-moi", "password", PASSWORD, "role", "ADMIN",
                "areaId", province)).status(), "a province admin made by a commune admin");
        assertEquals(403, communeAdmin.put("/api/users/" + communeAdminId, Map.of("role", "ADMIN", "areaId", province)).status(), "promoting themselves");
        assertEquals(403, communeAdmin.post("/api/users/" + communeAdminId + "/disable", Map.of()).status(), "their own account");
        assertEquals(400, communeAdmin.put("/api/users/" + editor, Map.of("areaId", commune)).status(), "no role");
        assertEquals(403, login("bien-tap-nghi-loc", PASSWORD).get("/api/users/" + editor).status(), "an editor manages no accounts");

        Api before = login("bien-tap-nghi-loc", PASSWORD);
        Api.Reply approver = communeAdmin.put("/api/users/" + editor, Map.of("role", "APPROVER", "areaId", commune));
        assertEquals(200, approver.status(), approver.body().toString());
        assertEquals("APPROVER", approver.string("role"));
        assertEquals(401, before.get("/api/areas/" + commune).status(), "a token of the old role stops at once");

        Api current = login("bien-tap-nghi-loc", PASSWORD);
        assertEquals(true, communeAdmin.post("/api/users/" + editor + "/disable", Map.of()).body().get("disabled"));
        assertEquals(401, current.get("/api/areas/" + commune).status(), "a disabled user's token stops at once");
        assertEquals(401, loginStatus("bien-tap-nghi-loc", PASSWORD));
        assertEquals(false, communeAdmin.post("/api/users/" + editor + "/enable", Map.of()).body().get("disabled"));
        Api again = login("bien-tap-nghi-loc", PASSWORD);
        assertEquals(200, again.get("/api/areas/" + commune).status());

        assertEquals(400, communeAdmin.post("/api/users/" + editor + "/password", Map.of("password", "short")).status());
        assertEquals(204, communeAdmin.post("/api/users/" + editor + "/password", Map.of("password", "mat-khau-moi-2026")).status());
        assertEquals(401, again.get("/api/areas/" + commune).status(), "a reset ends the sessions opened before it");
        assertEquals(401, loginStatus("bien-tap-nghi-loc", PASSWORD));
        assertEquals(200, login("bien-tap-nghi-loc", "mat-khau-moi-2026").get("/api/areas/" + commune).status());
    }

    @Test
    void everyoneChangesTheirOwnPassword() {
        create(admin, "xem-nghi-loc", "VIEWER", commune);
        Api viewer = login("xem-nghi-loc", PASSWORD);
        Api otherSession = login("xem-nghi-loc", PASSWORD);
        assertError(400, "WRONG_PASSWORD", viewer.post("/api/auth/password", Map.of("currentPassword", "not-it-at-all", "newPassword", "mot-mat-khau-dai")));
        assertError(400, "WEAK_PASSWORD", viewer.post("/api/auth/password", Map.of("currentPassword", PASSWORD, "newPassword", "ngan")));
        assertError(400, "MISSING_FIELD", viewer.post("/api/auth/password", Map.of("currentPassword", PASSWORD)));

        Api.Reply changed = viewer.post("/api/auth/password", Map.of("currentPassword", PASSWORD, "newPassword", "mot-mat-khau-dai"));
        assertEquals(200, changed.status(), changed.body().toString());
        Api fresh = new Api(client.toBlocking(), changed.string("accessToken"));
        assertEquals(200, fresh.get("/api/areas/" + commune).status(), "the answer's token goes on");
        assertEquals(401, otherSession.get("/api/areas/" + commune).status(), "the other sessions end");
        assertEquals(401, loginStatus("xem-nghi-loc", PASSWORD));
        assertFalse(login("xem-nghi-loc", "mot-mat-khau-dai").tokenForTests().isEmpty());
    }

    @Test
    void theServersAddressLeadsToTheLoginAndTheLoginBackToThePageAsked() throws Exception {
        PageSession browser = new PageSession(server.getURI());
        assertEquals("/ui", browser.get("/").headers().firstValue("Location").orElseThrow());
        assertEquals("/ui/login", browser.get("/ui").headers().firstValue("Location").orElseThrow());
        assertEquals("/ui/login?next=%2Fui%2Flogs%3Fstatus%3DFAILED", browser.get("/ui/logs?status=FAILED").headers().firstValue("Location").orElseThrow());
        String login = browser.get("/ui/login?next=%2Fui%2Flogs%3Fstatus%3DFAILED").body();
        assertTrue(login.contains("value=\"/ui/logs?status=FAILED\""), login);

        java.net.http.HttpResponse<String> wrong = browser.post("/ui/login", Map.of("username", "admin", "password", "sai-mat-khau",
                "next", "/ui/logs?status=FAILED"));
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("value=\"/ui/logs?status=FAILED\""), "a wrong password keeps where to go back");
        assertEquals("/ui", browser.post("/ui/login", Map.of("username", "admin", "password", TestServer.ADMIN_PASSWORD, "next", "//evil.example/ui"))
                .headers().firstValue("Location").orElseThrow(), "never another site");
        assertEquals("/ui/logs?status=FAILED", browser.post("/ui/login", Map.of("username", "admin", "password", TestServer.ADMIN_PASSWORD,
                "next", "/ui/logs?status=FAILED")).headers().firstValue("Location").orElseThrow());
    }

    @Test
    void theUsersPageAddsDisablesAndChangesPasswords() throws Exception {
        create(admin, "quan-tri-trang", "ADMIN", province);
        PageSession office = PageSession.loggedIn(server.getURI(), "quan-tri-trang", PASSWORD);
        String page = office.get("/ui/users").body();
        assertTrue(page.contains("id=\"accounts\"") && page.contains("Thêm người dùng"), page);
        assertFalse(page.contains("Toàn quốc</option>"), "a province admin grants no national account");

        java.net.http.HttpResponse<String> added = office.post("/ui/users", Map.of("_csrf", PageSession.csrf(page), "username", "phe-duyet-trang",
                "password", PASSWORD, "role", "APPROVER", "areaId", String.valueOf(commune)));
        assertEquals(303, added.statusCode(), added.body());
        long id = ((Number) admin.list("/api/users").stream().filter(u -> "phe-duyet-trang".equals(u.get("username"))).findFirst()
                .orElseThrow().get("id")).longValue();
        page = office.get("/ui/users").body();
        assertTrue(page.contains("id=\"account-" + id + "\"") && page.contains("Phê duyệt"), page);
        java.net.http.HttpResponse<String> refused = office.post("/ui/users", Map.of("_csrf", PageSession.csrf(page), "username", "quoc-gia-moi",
                "password", PASSWORD, "role", "ADMIN", "areaId", ""));
        assertEquals(403, refused.statusCode(), "the whole country is beyond a province admin");
        assertTrue(refused.body().contains("Không có quyền"), refused.body());

        assertEquals(303, office.post("/ui/users/" + id + "/disable", Map.of("_csrf", PageSession.csrf(page))).statusCode());
        assertEquals(true, admin.get("/api/users/" + id).body().get("disabled"));
        assertTrue(office.get("/ui/users").body().contains("Đã khoá"));

        java.net.http.HttpResponse<String> wrong = office.post("/ui/password", Map.of("_csrf", PageSession.csrf(page), "currentPassword", "sai-roi-nhe",
                "newPassword", "mat-khau-trang-moi"));
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("Mật khẩu hiện tại chưa đúng"), wrong.body());
        java.net.http.HttpResponse<String> changed = office.post("/ui/password", Map.of("_csrf", PageSession.csrf(page), "currentPassword", PASSWORD,
                "newPassword", "mat-khau-trang-moi"));
        assertEquals(200, changed.statusCode(), changed.body());
        assertTrue(changed.body().contains("Đã đổi mật khẩu"), changed.body());
        assertEquals(200, office.get("/ui/users").statusCode(), "the browser goes on with its fresh session");
        assertEquals(401, loginStatus("quan-tri-trang", PASSWORD));
    }

    private long create(Api by, String username, String role, long areaId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "password", PASSWORD, "role", role, "areaId", areaId));
        Api.Reply reply = by.post("/api/users", body);
        assertEquals(201, reply.status(), reply.body().toString());
        return reply.id();
    }

    private Api login(String username, String password) {
        return Api.login(client.toBlocking(), username, password);
    }

    private int loginStatus(String username, String password) {
        return new Api(client.toBlocking(), null).post("/api/auth/login", Map.of("username", username, "password", password)).status();
    }

    private static void assertError(int status, String code, Api.Reply reply) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(code, reply.string("code"), reply.body().toString());
    }
}
