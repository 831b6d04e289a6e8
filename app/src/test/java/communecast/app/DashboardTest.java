package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard counts today's plays and shows, per device, the campaign on air now; devices per area. */
@MicronautTest
class DashboardTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void todaysPlaysAndWhatIsOnAirPerDevice() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Hà Giang", "HG", "Xã Đồng Văn", "HG-DV");
        Api.Reply device = admin.post("/api/devices", Map.of("name", "Loa chợ Đồng Văn", "areaId", commune, "kind", "RADIO"));
        String token = Api.enroll(client.toBlocking(), device.string("enrollmentCode"));
        long media = admin.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("dash").resolve("b.wav"), Duration.ofSeconds(1), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        LocalDateTime at = LocalDateTime.now(ZONE).plusMinutes(5).truncatedTo(ChronoUnit.SECONDS);
        long campaign = admin.post("/api/campaigns", Map.of("title", "Tuyên truyền <bầu cử>", "level", "NORMAL",
                "startDate", at.toLocalDate().toString(), "endDate", at.toLocalDate().toString(),
                "targets", Map.of("areaIds", List.of(commune)),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "ONCE", "at", at.toString()))))).id();
        admin.post("/api/campaigns/" + campaign + "/approve", Map.of());
        // Five minutes ahead is tomorrow only in the day's last five minutes; then today has nothing planned.
        int plannedToday = at.toLocalDate().equals(LocalDate.now(ZONE)) ? 1 : 0;

        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", WAIT);
            Map<?, ?> order = (Map<?, ?>) ((List<?>) agent.hello(WAIT).get("orders")).getFirst();
            long orderId = ((Number) order.get("orderId")).longValue();
            agent.send(Map.of("v", 1, "type", "report", "reportId", orderId + ":PLAYING", "orderId", orderId, "status", "PLAYING",
                    "startedAt", OffsetDateTime.now().toString()));
            agent.next("ack", WAIT);

            PageSession browser = PageSession.loggedIn(server.getURI(), "admin", TestServer.ADMIN_PASSWORD);
            String dashboard = browser.get("/ui").body();
            assertTrue(dashboard.matches("(?s).*>Xã Đồng Văn</a></td><td class=\"good\">1</td>.*"), "one online in the commune: " + dashboard);
            assertTrue(dashboard.contains("id=\"planned-today\">" + plannedToday + "<"), dashboard);
            assertTrue(dashboard.contains("id=\"aired-today\">0<"), dashboard);
            assertTrue(dashboard.matches("(?s).*<a class=\"on-air\" href=\"/ui/campaigns/\\d+/edit\">Tuyên truyền &lt;bầu cử&gt;</a>:\\s*<b>1</b>.*"),
                    "on air now on one device, escaped: " + dashboard);
        }
    }
}
