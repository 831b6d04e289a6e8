package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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

/** Tiếp sóng: a live stream is media of kind STREAM; its plays reach the agent as orders to read the URL live. */
@MicronautTest
class LiveRelayTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void aRelayWindowIsAnOrderForTheStreamItself() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Hòa Bình", "HB", "Xã Mai Hạ", "HB-MH");
        Api.Reply d = admin.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO"));
        String token = Api.enroll(client.toBlocking(), d.string("enrollmentCode"));

        assertEquals(400, admin.post("/api/media/streams", Map.of("title", "VOV1", "url", "ftp://vov.vn/live", "minutes", 30)).status());
        assertEquals(400, admin.post("/api/media/streams", Map.of("title", "VOV1", "url", "https://vov.vn/live", "minutes", 0)).status());
        Api.Reply stream = admin.post("/api/media/streams", Map.of("title", "VOV1 thời sự", "url", "https://stream.vov.vn/vov1.m3u8", "minutes", 30));
        assertEquals(201, stream.status(), stream.body().toString());
        assertEquals(List.of("STREAM", "READY", 1_800_000), List.of(stream.string("kind"), stream.string("status"), stream.body().get("durationMs")));

        LocalDateTime at = LocalDateTime.now(ZONE).plusHours(1).truncatedTo(ChronoUnit.SECONDS);
        long campaign = admin.post("/api/campaigns", Map.of("title", "Tiếp sóng VOV1", "level", "NORMAL",
                "startDate", at.toLocalDate().toString(), "endDate", at.toLocalDate().toString(),
                "targets", Map.of("deviceIds", List.of(d.id())),
                "items", List.of(Map.of("mediaId", stream.id(), "rule", Map.of("type", "ONCE", "at", at.toString()))))).id();
        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", Duration.ofSeconds(20));
            assertEquals("APPROVED", admin.post("/api/campaigns/" + campaign + "/approve", Map.of()).string("status"));
            Map<?, ?> order = (Map<?, ?>) ((List<?>) agent.next("orders", Duration.ofSeconds(20)).get("orders")).getFirst();
            assertEquals(List.of("STREAM", "https://stream.vov.vn/vov1.m3u8", 1_800_000),
                    List.of(order.get("mediaKind"), order.get("mediaUrl"), order.get("durationMs")));
        }
    }

    /** A relay's item names a recorded bulletin to air if the stream is down: it travels with the order, and may be fetched. */
    @Test
    void aRelaysFallbackRecordingTravelsWithItsOrder() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long commune = admin.communeIn("Tỉnh Sơn La", "SLA", "Xã Chiềng Sơn", "SLA-CS");
        Api.Reply d = admin.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO"));
        String token = Api.enroll(client.toBlocking(), d.string("enrollmentCode"));
        long stream = admin.post("/api/media/streams", Map.of("title", "VOV1", "url", "https://stream.vov.vn/vov1.m3u8", "minutes", 30)).id();
        long recording = admin.upload("Bản tin ghi sẵn", TestMedia.tone(Files.createTempDirectory("fb").resolve("b.wav"), Duration.ofSeconds(1), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + recording).string("status")));
        LocalDateTime at = LocalDateTime.now(ZONE).plusHours(1).truncatedTo(ChronoUnit.SECONDS);

        assertEquals("BAD_FALLBACK", admin.post("/api/campaigns", relay(at, d.id(), recording, recording)).string("code"), "only a relay has one");
        assertEquals("BAD_FALLBACK", admin.post("/api/campaigns", relay(at, d.id(), stream, stream)).string("code"), "a recording, not a stream");
        long campaign = admin.post("/api/campaigns", relay(at, d.id(), stream, recording)).id();
        assertEquals(recording, ((Number) ((Map<?, ?>) ((List<?>) admin.get("/api/campaigns/" + campaign).body().get("items")).getFirst())
                .get("fallbackMediaId")).longValue());

        try (AgentClient agent = new AgentClient(server.getURI(), token, json)) {
            agent.next("welcome", Duration.ofSeconds(20));
            admin.post("/api/campaigns/" + campaign + "/approve", Map.of());
            Map<?, ?> order = (Map<?, ?>) ((List<?>) agent.next("orders", Duration.ofSeconds(20)).get("orders")).getFirst();
            Map<?, ?> fallback = (Map<?, ?>) order.get("fallback");
            assertEquals(List.of(recording, "/agent/media/" + recording), List.of(((Number) fallback.get("mediaId")).longValue(), fallback.get("mediaUrl")));
            HttpResponse<byte[]> file = client.toBlocking().exchange(HttpRequest.GET("/agent/media/" + recording)
                    .header("Authorization", "Device " + token), byte[].class);
            assertEquals(fallback.get("mediaSha256"), file.header("X-Content-SHA256"), "the device may fetch it, and checks it");

            long other = admin.upload("Bản tin khác", TestMedia.tone(Files.createTempDirectory("fb").resolve("c.wav"), Duration.ofSeconds(1), 550)).id();
            await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + other).string("status")));
            admin.put("/api/campaigns/" + campaign, relay(at, d.id(), stream, other));
            admin.post("/api/campaigns/" + campaign + "/approve", Map.of());
            assertEquals(List.of(((Number) order.get("orderId")).longValue()), ((List<?>) agent.next("withdraw", Duration.ofSeconds(20))
                    .get("orderIds")).stream().map(o -> ((Number) o).longValue()).toList(), "the order with the old fallback is taken back");
            Map<?, ?> again = (Map<?, ?>) ((List<?>) agent.next("orders", Duration.ofSeconds(20)).get("orders")).getFirst();
            assertEquals(other, ((Number) ((Map<?, ?>) again.get("fallback")).get("mediaId")).longValue(), "and sent again with the new one");
        }
    }

    private static Map<String, Object> relay(LocalDateTime at, long device, long media, long fallback) {
        return Map.of("title", "Tiếp sóng VOV1", "level", "NORMAL", "startDate", at.toLocalDate().toString(), "endDate", at.toLocalDate().toString(),
                "targets", Map.of("deviceIds", List.of(device)),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "ONCE", "at", at.toString()), "fallbackMediaId", fallback)));
    }
}
