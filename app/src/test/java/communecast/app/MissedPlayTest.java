package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A play nobody confirms becomes MISSED once its grace is over: the server's clock is moved past it, not waited out. */
@MicronautTest
class MissedPlayTest extends ClockedServerTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aPlayNobodyConfirmsBecomesMissedAndTheReportSaysWhy() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Lạng Sơn", "LS", "Xã Chi Lăng", "LS-CL");
        long device = admin.post("/api/devices", Map.of("name", "Đài im lặng", "areaId", commune, "kind", "RADIO")).id();
        long media = admin.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("missed").resolve("b.wav"), Duration.ofSeconds(2), 440)).id();
        await().atMost(WAIT).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        LocalDateTime at = LocalDateTime.ofInstant(clock.instant(), ZONE).plusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
        long campaign = admin.post("/api/campaigns", TestCampaigns.once(media, at, List.of(device))).id();
        assertEquals("APPROVED", admin.post("/api/campaigns/" + campaign + "/approve", Map.of()).string("status"));
        assertEquals(List.of("PENDING"), statuses(admin, campaign));

        // Past the play's time and its grace (2 s here): the next sweep (every second) marks it.
        clock.advance(Duration.ofMinutes(11));
        await().atMost(WAIT).until(() -> statuses(admin, campaign).equals(List.of("MISSED")));
        Map<String, Object> report = admin.get("/api/reports/campaigns/" + campaign).body();
        assertEquals(report.get("planned"), report.get("missed"));
        Map<?, ?> why = (Map<?, ?>) ((List<?>) report.get("notAired")).getFirst();
        assertEquals(List.of("MISSED", report.get("missed")), List.of(why.get("status"), why.get("plays")), "the report says why: " + why);
        assertFalse(((String) why.get("reason")).isBlank());
    }

    private static List<Object> statuses(Api admin, long campaign) {
        return admin.list("/api/broadcast-logs?campaignId=" + campaign).stream().map(l -> l.get("status")).toList();
    }
}
