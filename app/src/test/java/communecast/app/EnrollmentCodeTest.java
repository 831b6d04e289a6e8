package communecast.app;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An enrollment code expires (a week by default; an hour here, so the staff's 12-hour tokens outlive the jump of the
 * clock), and an address that keeps guessing codes is held off.
 */
@MicronautTest
class EnrollmentCodeTest extends ClockedServerTest {
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.put("communecast.enrollment.code-valid-for", "1h");
        return p;
    }

    @Test
    void aCodeExpiresAfterAWeekAndGuessingIsHeldOff() {
        Api admin = Api.admin(client.toBlocking());
        Api anonymous = new Api(client.toBlocking(), null);
        long commune = admin.communeIn("Tỉnh Hà Giang", "HG", "Xã Lũng Cú", "HG-LC");
        Api.Reply device = admin.post("/api/devices", Map.of("name", "Đài Lũng Cú", "areaId", commune, "kind", "RADIO"));
        clock.advance(Duration.ofHours(2));
        Api.Reply expired = anonymous.post("/agent/enroll", Map.of("v", 1, "code", device.string("enrollmentCode")));
        assertEquals(401, expired.status());
        assertEquals("ENROLLMENT_CODE_EXPIRED", expired.string("code"));
        assertTrue(expired.string("message").contains("expired after 1 h"), expired.string("message"));
        Api.Reply reissued = admin.post("/api/devices/" + device.id() + "/enrollment-code", Map.of());
        assertEquals(200, reissued.status(), reissued.toString());
        String fresh = reissued.string("enrollmentCode");

        // Ten wrong codes (the expired one counts) within ten minutes: the eleventh try is refused, even a right one.
        for (int i = 0; i < 9; i++) {
            assertEquals(401, anonymous.post("/agent/enroll", Map.of("v", 1, "code", "SAI-" + i)).status());
        }
        HttpClientResponseException held = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.POST("/agent/enroll", Map.of("v", 1, "code", fresh)), String.class));
        assertEquals(429, held.getStatus().getCode());
        long wait = Long.parseLong(held.getResponse().getHeaders().get("Retry-After"));
        assertTrue(wait > 0 && wait <= 600, "Retry-After " + wait);
        assertTrue(held.getResponse().getBody(String.class).orElse("").contains("TOO_MANY_ATTEMPTS"));

        clock.advance(Duration.ofMinutes(11));
        Api.Reply enrolled = anonymous.post("/agent/enroll", Map.of("v", 1, "code", fresh));
        assertEquals(200, enrolled.status(), enrolled.toString());
        assertEquals(device.id(), ((Number) enrolled.body().get("deviceId")).longValue());
    }
}
