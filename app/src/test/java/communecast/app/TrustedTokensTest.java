package communecast.app;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import communecast.media.Sha256;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens as an attacker who holds the signing key would make them (the key leaked with the database issue
 * 21 found open): a signature alone never makes an account. Device tokens match exactly, not in any case.
 */
@MicronautTest
class TrustedTokensTest extends LiveServerTest {
    @Inject
    Jdbi jdbi;

    Api admin;
    long adminId;
    byte[] key;

    @BeforeAll
    void world() {
        admin = Api.admin(client.toBlocking());
        adminId = jdbi.withHandle(h -> h.createQuery("SELECT id FROM app_user WHERE username = 'admin'").mapTo(Long.class).one());
        String secret = jdbi.withHandle(h -> h.createQuery("SELECT secret FROM app_secret WHERE name = 'jwt-hs256'")
                .mapTo(String.class).one());
        key = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWellFormedTokenForTheRealAdminIsAccepted() throws Exception {
        // The control: the forged tokens below fail for what they claim, not for how they are made.
        assertEquals(200, status(forged(UnaryOperator.identity())));
    }

    @Test
    void aTokenForAUserWhoDoesNotExistIs401() throws Exception {
        assertEquals(401, status(forged(c -> c.claim("uid", 987_654L).subject("ghost"))));
        assertEquals(401, status(forged(c -> c.claim("uid", 987_654L))));
    }

    @Test
    void aTokenThatClaimsMoreThanItsUserHasIs401() throws Exception {
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Hà Tĩnh", "code", "HT-TT", "kind", "PROVINCE")).id();
        long editor = admin.post("/api/users", Map.of("username", "bien.tap.ht", "password", "mat-khau-dai-du",
                "role", "EDITOR", "areaId", province)).id();
        assertEquals(200, status(forged(c -> c.claim("uid", editor).subject("bien.tap.ht")
                .claim("roles", List.of("EDITOR")).claim("areaId", province))));
        assertEquals(401, status(forged(c -> c.claim("uid", editor).subject("bien.tap.ht")
                .claim("roles", List.of("ADMIN")).claim("areaId", province))), "a role the user does not have");
        assertEquals(401, status(forged(c -> c.claim("uid", editor).subject("bien.tap.ht")
                .claim("roles", List.of("EDITOR")).claim("areaId", null))), "the whole country instead of the province");
        assertEquals(401, status(forged(c -> c.claim("uid", editor).subject("admin")
                .claim("roles", List.of("EDITOR")).claim("areaId", province))), "another user's name");
    }

    @Test
    void aTokenWithoutExpiryOrNotYetValidOrFromAnotherIssuerIs401() throws Exception {
        assertEquals(401, status(forged(c -> c.expirationTime(null))), "no exp");
        assertEquals(401, status(forged(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(300))))), "expired");
        assertEquals(401, status(forged(c -> c.notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1)))))), "nbf ahead");
        assertEquals(401, status(forged(c -> c.issuer("someone-else"))), "another issuer");
        assertEquals(401, status(forged(c -> c.issuer(null))), "no issuer");
    }

    @Test
    void aDisabledUsersTokenAndPasswordStopWorking() throws Exception {
        long viewer = admin.post("/api/users", Map.of("username", "nguoi.xem", "password", "mat-khau-dai-du", "role", "VIEWER")).id();
        Api user = Api.login(client.toBlocking(), "nguoi.xem", "mat-khau-dai-du");
        assertEquals(200, status(user.tokenForTests()));
        jdbi.useHandle(h -> h.execute("UPDATE app_user SET disabled_at = NOW(3) WHERE id = ?", viewer));
        assertEquals(401, status(user.tokenForTests()), "the token issued before");
        assertEquals(401, new Api(client.toBlocking(), null)
                .post("/api/auth/login", Map.of("username", "nguoi.xem", "password", "mat-khau-dai-du")).status());
    }

    /** The name shown as who approved a campaign cannot be made to read as another user's. */
    @Test
    void aLookAlikeOfAnExistingUsernameIsRefused() {
        for (String lookAlike : List.of("\u0430dmin", "admin\u200B", "adm\u202Eni")) {
            Api.Reply refused = admin.post("/api/users", Map.of("username", lookAlike, "password", "mat-khau-dai-du", "role", "ADMIN"));
            assertEquals(400, refused.status(), refused::toString);
            assertEquals("BAD_USERNAME", refused.string("code"));
        }
    }

    @Test
    void aDeviceTokenMatchesOnlyInItsExactCase() {
        String token = enrolledToken("Đài xã A");
        assertEquals(404, fetchAsDevice(token), "the exact token is let in (no such media)");
        assertEquals(401, fetchAsDevice(swapCase(token)));
        assertEquals(401, fetchAsDevice(token.toUpperCase(Locale.ROOT)));
    }

    /** A token hashed the old way (upper-cased, before V17) still works once, and from then on only exactly. */
    @Test
    void aTokenHashedBeforeV17IsAdoptedExactlyAtItsFirstUse() {
        String token = enrolledToken("Đài xã B");
        String legacy = Sha256.hex(token.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        jdbi.useHandle(h -> h.execute("UPDATE device SET token_hash = ?, token_exact = FALSE WHERE token_hash = ?",
                legacy, Sha256.hex(token.getBytes(StandardCharsets.UTF_8))));
        assertEquals(404, fetchAsDevice(token));
        int exact = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM device WHERE token_hash = ? AND token_exact")
                .bind(0, Sha256.hex(token.getBytes(StandardCharsets.UTF_8))).mapTo(Integer.class).one());
        assertEquals(1, exact, "the device's hash is now the exact one");
        assertEquals(401, fetchAsDevice(swapCase(token)));
    }

    private String enrolledToken(String name) {
        long commune = admin.communeIn("Tỉnh " + name, "P-" + name.hashCode(), "Xã " + name, "C-" + name.hashCode());
        String code = admin.post("/api/devices", Map.of("name", name, "areaId", commune, "kind", "RADIO")).string("enrollmentCode");
        return Api.enroll(client.toBlocking(), code);
    }

    private int fetchAsDevice(String token) {
        return statusOf(HttpRequest.GET("/agent/media/999999").header("Authorization", "Device " + token));
    }

    private static String swapCase(String text) {
        StringBuilder swapped = new StringBuilder();
        text.chars().forEach(c -> swapped.append((char) (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))));
        return swapped.toString();
    }

    /** The admin's own claims as the server issues them, changed by {@code change}, signed with the real key. */
    private String forged(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("admin").issuer("communecast")
                .claim("uid", adminId).claim("roles", List.of("ADMIN"))
                .issueTime(new Date()).notBeforeTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), change.apply(claims).build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private int status(String token) {
        return statusOf(HttpRequest.GET("/api/areas").bearerAuth(token));
    }

    private int statusOf(MutableHttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request, String.class).code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
