package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Loudspeakers keep their area's quiet hours (giờ không phát loa) in the plan and in dispatch; LED and EMERGENCY do not. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuietHoursFlowTest implements TestPropertyProvider {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Inject
    @Client("/")
    HttpClient client;

    Api admin;
    long province;
    long mediaId;
    long twoMinutes;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServer.properties();
        properties.put("communecast.quiet-hours.from", "22:00");
        properties.put("communecast.quiet-hours.to", "05:00");
        return properties;
    }

    @BeforeAll
    void world() throws Exception {
        admin = Api.admin(client.toBlocking());
        province = admin.post("/api/areas", Map.of("name", "Tỉnh Sơn La", "code", "SL", "kind", "PROVINCE")).id();
        mediaId = admin.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("quiet").resolve("b.wav"), Duration.ofSeconds(1), 440)).id();
        twoMinutes = admin.upload("Bản tin dài", TestMedia.tone(Files.createTempDirectory("quiet").resolve("l.wav"), Duration.ofMinutes(2), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + mediaId).string("status"))
                && "READY".equals(admin.get("/api/media/" + twoMinutes).string("status")));
    }

    @Test
    void thePlanShowsWhatQuietHoursLeaveOutAndWhy() {
        long commune = commune("SL-1");
        assertNull(admin.get("/api/areas/" + commune).body().get("quietFrom"), "follows the default until set");
        Map<String, Object> set = admin.exchange(HttpRequest.PUT("/api/areas/" + commune + "/quiet-hours",
                Map.of("from", "21:00", "to", "06:00"))).body();
        assertEquals("21:00:00", set.get("quietFrom"));
        long radio = device(commune, "RADIO");
        long led = device(commune, "LED");
        long otherRadio = device(commune("SL-2"), "RADIO");
        LocalDate day = LocalDate.now(ZONE).plusDays(3);
        long normal = campaign("NORMAL", day, List.of(radio, led, otherRadio));

        Map<String, String> statuses = plan(normal, day);
        assertEquals("EXCLUDED quiet hours 21:00–06:00", statuses.get(radio + "@05:30"));
        assertEquals("EXCLUDED quiet hours 21:00–06:00", statuses.get(radio + "@21:30"));
        assertEquals("PLANNED", statuses.get(radio + "@12:00"));
        assertEquals("PLANNED", statuses.get(led + "@21:30"), "LED screens have no quiet hours");
        assertEquals("PLANNED", statuses.get(otherRadio + "@21:30"), "the default is 22:00–05:00");
        assertEquals("EXCLUDED quiet hours 22:00–05:00", statuses.get(otherRadio + "@23:00"));

        long emergency = campaign("EMERGENCY", day, List.of(radio));
        assertEquals("PLANNED", plan(emergency, day).get(radio + "@05:30"), "EMERGENCY ignores quiet hours");
    }

    @Test
    void aBulletinThatWouldRunIntoQuietHoursIsLeftOut() {
        long commune = commune("SL-4");
        long radio = device(commune, "RADIO");
        LocalDate day = LocalDate.now(ZONE).plusDays(3);
        long id = admin.post("/api/campaigns", Map.of("title", "Bản tin tối", "level", "NORMAL", "startDate", day.toString(),
                "endDate", day.toString(), "targets", Map.of("deviceIds", List.of(radio)),
                "items", List.of(Map.of("mediaId", twoMinutes, "rule", Map.of("type", "DAILY", "times", List.of("21:57", "21:59")))))).id();

        Map<String, String> statuses = plan(id, day);

        assertEquals("PLANNED", statuses.get(radio + "@21:57"), "ends at 21:59");
        assertEquals("EXCLUDED would run into quiet hours 22:00–05:00", statuses.get(radio + "@21:59"));
    }

    /** The office changes the commune's quiet hours after approval: what the devices hold follows at once. */
    @Test
    void changingQuietHoursReplansWhatWasAlreadySent() {
        long commune = commune("SL-5");
        long id = approvedInTenMinutes(commune);
        assertEquals(List.of("PENDING"), statuses(id));

        quietFromAnHourAgoToAnHourFromNow(commune);

        List<Map<String, Object>> logs = admin.list("/api/broadcast-logs?campaignId=" + id);
        assertEquals(List.of("CANCELLED"), statuses(id), "withdrawn: it would now air in quiet hours");
        assertEquals("quiet hours of area " + commune + " changed", logs.get(0).get("reason"));

        admin.exchange(HttpRequest.PUT("/api/areas/" + commune + "/quiet-hours", Map.of("from", "00:00", "to", "00:00")));

        assertEquals(List.of("PENDING"), statuses(id), "the same play back, and sent again");
        assertEquals(List.of(1, 0), List.of(((Number) admin.get("/api/reports/campaigns/" + id).body().get("pending")).intValue(),
                ((Number) admin.get("/api/reports/campaigns/" + id).body().get("cancelled")).intValue()), "the report's counts follow it back");
    }

    /** Paused while the hours change: its resume plans under the new hours, not the plays the pause took back. */
    @Test
    void aPausedCampaignResumesUnderTheNewQuietHours() {
        long commune = commune("SL-6");
        long id = approvedInTenMinutes(commune);
        admin.post("/api/campaigns/" + id + "/pause", Map.of());

        quietFromAnHourAgoToAnHourFromNow(commune);
        assertEquals("APPROVED", admin.post("/api/campaigns/" + id + "/resume", Map.of()).string("status"));

        assertEquals(List.of("CANCELLED"), statuses(id), "not brought back into the new quiet hours");
    }

    /** A campaign approved for one play in 10 minutes on a new loudspeaker of the commune, its quiet hours off. */
    private long approvedInTenMinutes(long commune) {
        admin.exchange(HttpRequest.PUT("/api/areas/" + commune + "/quiet-hours", Map.of("from", "00:00", "to", "00:00")));
        long radio = device(commune, "RADIO");
        LocalDateTime at = LocalDateTime.now(ZONE).plusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
        long id = admin.post("/api/campaigns", Map.of("title", "Họp dân", "level", "NORMAL", "startDate", at.toLocalDate().toString(),
                "endDate", at.toLocalDate().toString(), "targets", Map.of("deviceIds", List.of(radio)),
                "items", List.of(Map.of("mediaId", mediaId, "rule", Map.of("type", "ONCE", "at", at.toString()))))).id();
        admin.post("/api/campaigns/" + id + "/approve", Map.of());
        return id;
    }

    private void quietFromAnHourAgoToAnHourFromNow(long commune) {
        LocalTime now = LocalTime.now(ZONE).withSecond(0).withNano(0);
        admin.exchange(HttpRequest.PUT("/api/areas/" + commune + "/quiet-hours",
                Map.of("from", now.minusHours(1).toString(), "to", now.plusHours(1).toString())));
    }

    private List<String> statuses(long campaign) {
        return admin.list("/api/broadcast-logs?campaignId=" + campaign).stream().map(l -> (String) l.get("status")).toList();
    }

    @Test
    void dispatchLeavesQuietPlaysOut() {
        long commune = commune("SL-3");
        LocalTime now = LocalTime.now(ZONE);
        admin.exchange(HttpRequest.PUT("/api/areas/" + commune + "/quiet-hours",
                Map.of("from", now.minusHours(1).withSecond(0).withNano(0).toString(), "to", now.plusHours(1).withSecond(0).withNano(0).toString())));
        long radio = device(commune, "RADIO");
        long led = device(commune, "LED");
        LocalDateTime at = LocalDateTime.now(ZONE).plusMinutes(3).truncatedTo(ChronoUnit.SECONDS);
        long id = admin.post("/api/campaigns", Map.of("title", "Đêm", "level", "NORMAL", "startDate", at.toLocalDate().toString(),
                "endDate", at.toLocalDate().toString(), "targets", Map.of("deviceIds", List.of(radio, led)),
                "items", List.of(Map.of("mediaId", mediaId, "rule", Map.of("type", "ONCE", "at", at.toString()))))).id();
        admin.post("/api/campaigns/" + id + "/approve", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> !admin.list("/api/broadcast-logs?campaignId=" + id).isEmpty());
        List<Map<String, Object>> logs = admin.list("/api/broadcast-logs?campaignId=" + id);
        assertEquals(List.of(led), logs.stream().map(l -> ((Number) l.get("deviceId")).longValue()).toList());
    }

    private Map<String, String> plan(long campaign, LocalDate day) {
        String from = day.atStartOfDay(ZONE).toInstant().toString();
        String to = day.plusDays(1).atStartOfDay(ZONE).toInstant().toString();
        Map<String, String> statuses = new java.util.HashMap<>();
        for (Map<String, Object> e : admin.list("/api/campaigns/" + campaign + "/plan?from=" + from + "&to=" + to)) {
            String time = java.time.Instant.parse((String) e.get("startAt")).atZone(ZONE).toLocalTime().toString();
            statuses.put(((Number) e.get("deviceId")).longValue() + "@" + time,
                    e.get("status") + (e.get("reason") == null ? "" : " " + e.get("reason")));
        }
        return statuses;
    }

    private long campaign(String level, LocalDate day, List<Long> devices) {
        return admin.post("/api/campaigns", Map.of("title", "Tuyên truyền", "level", level, "startDate", day.toString(),
                "endDate", day.toString(), "targets", Map.of("deviceIds", devices),
                "items", List.of(Map.of("mediaId", mediaId,
                        "rule", Map.of("type", "DAILY", "times", List.of("05:30", "12:00", "21:30", "23:00")))))).id();
    }

    private long commune(String code) {
        return admin.post("/api/areas", Map.of("name", "Xã " + code, "code", code, "kind", "COMMUNE", "parentId", province)).id();
    }

    private long device(long area, String kind) {
        return admin.post("/api/devices", "LED".equals(kind)
                ? Map.of("name", "LED", "areaId", area, "kind", kind, "screenWidth", 64, "screenHeight", 32)
                : Map.of("name", "Đài", "areaId", area, "kind", kind)).id();
    }
}
