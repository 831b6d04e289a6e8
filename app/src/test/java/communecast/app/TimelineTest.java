package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A device's merged timeline marks overlaps as the agent resolves them; an area's calendar is iCalendar. */
@MicronautTest
class TimelineTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void overlapsAreMarkedAndTheAreaCalendarListsThePlays() throws Exception {
        Api admin = Api.admin(client.toBlocking());
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Hà Giang", "code", "HG", "kind", "PROVINCE")).id();
        long commune = admin.post("/api/areas", Map.of("name", "Xã Lũng Cú", "code", "HG-LC", "kind", "COMMUNE", "parentId", province)).id();
        long radio = admin.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO")).id();
        long media = admin.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("tl").resolve("b.wav"), Duration.ofSeconds(2), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        LocalDate day = LocalDate.now(ZONE).plusDays(2);
        long first = approved(admin, "Bản tin sáng, buổi 1", "NORMAL", day, radio, media);
        long second = approved(admin, "Bản tin sáng, buổi 2", "NORMAL", day, radio, media);
        long urgent = approved(admin, "Cảnh báo lũ", "PRIORITY", day, radio, media);

        String from = day.atStartOfDay(ZONE).toInstant().toString();
        String to = day.plusDays(1).atStartOfDay(ZONE).toInstant().toString();
        List<Map<String, Object>> timeline = admin.list("/api/devices/" + radio + "/timeline?from=" + from + "&to=" + to);
        assertEquals(3, timeline.size());
        // All three are due at 06:30: the higher level goes first, then the older campaign.
        assertEquals(List.of(urgent, first, second), timeline.stream().map(TimelineTest::id).toList());
        assertEquals(List.of("PLANNED", "CONFLICT", "CONFLICT"), timeline.stream().map(e -> e.get("status")).toList());
        assertEquals("overlaps Cảnh báo lũ (PRIORITY); waits until it ends", timeline.get(1).get("reason"));

        HttpResponse<String> ics = client.toBlocking().exchange(HttpRequest.GET("/api/areas/" + province + "/schedule.ics?from=" + from + "&to=" + to)
                .bearerAuth(admin.tokenForTests()), String.class);
        assertTrue(ics.getContentType().orElseThrow().toString().startsWith("text/calendar"));
        String body = ics.body();
        assertTrue(body.startsWith("BEGIN:VCALENDAR\r\n"), body);
        assertEquals(3, body.split("BEGIN:VEVENT", -1).length - 1);
        assertTrue(body.replace("\r\n ", "").contains("SUMMARY:Bản tin sáng\\, buổi 1 [NORMAL]"), body);

        // While a new campaign is built, its plan says what it overlaps and how the device will resolve it.
        // Each names the play whose end gives it the device: the urgent one, then the first bulletin, then the second.
        assertEquals("starts at the same time as «Bản tin sáng, buổi 1» (NORMAL), an older campaign, and waits until it ends, "
                + "and is not aired if that is more than 30 s late", conflictOf(admin, second, from, to));
        assertEquals("waits until «Bản tin sáng, buổi 2» (NORMAL) ends, and is not aired if that is more than 30 s late",
                conflictOf(admin, draft(admin, "Thông báo họp", "NORMAL", day, radio, media, "06:30:01"), from, to));
        assertEquals("cuts «Cảnh báo lũ» (PRIORITY) on air", conflictOf(admin, draft(admin, "Báo cháy rừng", "EMERGENCY", day, radio, media, "06:30:01"), from, to));

        long older = draft(admin, "Buổi chiều", "NORMAL", day, radio, media, "17:00:00");
        assertNull(conflictOf(admin, older, from, to), "nothing else airs then");
        admin.post("/api/campaigns/" + older + "/approve", Map.of());
        long newer = draft(admin, "Buổi chiều, bổ sung", "NORMAL", day, radio, media, "17:00:00");
        assertEquals("starts at the same time as «Buổi chiều» (NORMAL), an older campaign, and waits until it ends, "
                + "and is not aired if that is more than 30 s late", conflictOf(admin, newer, from, to));
        admin.post("/api/campaigns/" + newer + "/approve", Map.of());
        assertEquals("starts at the same time as «Buổi chiều, bổ sung» (NORMAL), a newer campaign, which waits until this ends, "
                + "and is not aired if that is more than 30 s late", conflictOf(admin, older, from, to));

        long fire = draft(admin, "Báo cháy", "EMERGENCY", day, radio, media, "06:30:01");
        admin.post("/api/campaigns/" + fire + "/approve", Map.of());
        Map<String, Object> cut = admin.list("/api/devices/" + radio + "/timeline?from=" + from + "&to=" + to).stream()
                .filter(e -> id(e) == fire).findFirst().orElseThrow();
        assertEquals("preempts Cảnh báo lũ (PRIORITY)", cut.get("reason"));
    }

    private static long draft(Api admin, String title, String level, LocalDate day, long device, long media, String time) {
        return admin.post("/api/campaigns", Map.of("title", title, "level", level, "startDate", day.toString(), "endDate", day.toString(),
                "targets", Map.of("deviceIds", List.of(device)),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "ONCE", "at", day + "T" + time))))).id();
    }

    private static String conflictOf(Api admin, long campaign, String from, String to) {
        List<Map<String, Object>> plan = admin.list("/api/campaigns/" + campaign + "/plan?from=" + from + "&to=" + to);
        assertEquals(1, plan.size(), plan.toString());
        return (String) plan.getFirst().get("conflict");
    }

    private static long approved(Api admin, String title, String level, LocalDate day, long device, long media) {
        long id = admin.post("/api/campaigns", Map.of("title", title, "level", level, "startDate", day.toString(), "endDate", day.toString(),
                "targets", Map.of("deviceIds", List.of(device)),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "ONCE", "at", day + "T06:30:00"))))).id();
        assertEquals("APPROVED", admin.post("/api/campaigns/" + id + "/approve", Map.of()).string("status"));
        return id;
    }

    private static long id(Map<String, Object> entry) {
        return ((Number) entry.get("campaignId")).longValue();
    }
}
