package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a lead time shorter than the wait for a play, approval plans nothing yet: the play is planned and
 * its order pushed when Quartz fires the campaign's trigger, a lead time before air.
 */
@MicronautTest
class QuartzWakeUpTest extends LiveServerTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Duration LEAD = Duration.ofSeconds(30);
    private static final Duration AHEAD = Duration.ofSeconds(55);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("communecast.dispatch.lead-time", LEAD.toSeconds() + "s");
        return properties;
    }

    @Test
    void aPlayBeyondTheLeadIsPlannedAndSentWhenItsTriggerFires() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Cao Bằng", "CB", "Xã Quang Trung", "CB-QT");
        long mediaId = admin.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("wake").resolve("b.mp3"), Duration.ofSeconds(2), 440)).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> "READY".equals(admin.get("/api/media/" + mediaId).string("status")));
        Api.Reply device = admin.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO"));
        String token = Api.enroll(client.toBlocking(), device.string("enrollmentCode"));

        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", AHEAD);
            assertEquals(List.of(), agent.hello(AHEAD).get("orders"));

            LocalDateTime at = LocalDateTime.now(ZONE).plus(AHEAD).truncatedTo(ChronoUnit.SECONDS);
            Instant airTime = at.atZone(ZONE).toInstant();
            long campaign = admin.post("/api/campaigns", TestCampaigns.once(mediaId, at, List.of(device.id()))).id();
            assertEquals("APPROVED", admin.post("/api/campaigns/" + campaign + "/approve", Map.of()).string("status"));
            assertEquals(List.of(), admin.list("/api/broadcast-logs?campaignId=" + campaign),
                    "a play more than a lead time ahead is not planned at approval");

            Map<String, Object> pushed = agent.next("orders", AHEAD.plusSeconds(10));
            Instant received = Instant.now();

            assertEquals(1, ((List<?>) pushed.get("orders")).size());
            assertTrue(!received.isBefore(airTime.minus(LEAD).minusSeconds(2)) && received.isBefore(airTime),
                    "sent by the trigger a lead time before air: received " + received + ", air time " + airTime);
            List<Map<String, Object>> logs = admin.list("/api/broadcast-logs?campaignId=" + campaign);
            assertEquals(List.of("PENDING"), logs.stream().map(l -> l.get("status")).toList());
        }
    }
}
