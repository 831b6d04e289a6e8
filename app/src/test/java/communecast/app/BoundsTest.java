package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Answers and bodies with bounds (issue 21): the plan's cap on the timeline and the area calendar, targets
 * collapsed and capped, one accepted date range everywhere, a download's file name that cannot break its header.
 */
@MicronautTest
class BoundsTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Past the dispatch horizon: approving the busy campaign sends nothing to anyone. */
    static final LocalDate START = LocalDate.now(ZONE).plusDays(10);

    Api admin;
    long area;
    long device;
    long media;
    long busy;

    @BeforeAll
    void world() throws Exception {
        admin = Api.admin(client.toBlocking());
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Hà Giang", "code", "HG", "kind", "PROVINCE")).id();
        // A quote and a semicolon in the code, which names the calendar's file.
        area = admin.post("/api/areas", Map.of("name", "Xã Lũng Cú", "code", "HG\"1;x", "kind", "COMMUNE", "parentId", province)).id();
        device = admin.post("/api/devices", Map.of("name", "Đài xã Lũng Cú", "areaId", area, "kind", "RADIO")).id();
        media = admin.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("bounds").resolve("tone.wav"), Duration.ofSeconds(1), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        // A 1-minute loop all day (a start before 23:59): 1,439 plays a day on the one device.
        busy = admin.post("/api/campaigns", campaign(List.of(device), List.of(Map.of("mediaId", media,
                "rule", Map.of("type", "LOOP", "from", "00:00", "to", "23:59", "everyMinutes", 1))))).id();
        assertEquals("APPROVED", admin.post("/api/campaigns/" + busy + "/approve", Map.of()).string("status"));
    }

    @AfterAll
    void serverStillHealthy() {
        assertEquals("UP", admin.get("/health").string("status"));
    }

    @Test
    void theTimelineAndTheCalendarHoldAtTheCapOfThePlan() {
        String day = "from=" + at(START) + "&to=" + at(START.plusDays(1));
        String twentyDays = "from=" + at(START) + "&to=" + at(START.plusDays(20));
        assertEquals(1439, admin.list("/api/devices/" + device + "/timeline?" + day).size());
        // 28,780 plays in 20 days: over the 20,000 the plan holds at, each of the three refuses before building them.
        assertError(admin.get("/api/campaigns/" + busy + "/plan?" + twentyDays), 400, "RANGE_TOO_LARGE");
        assertError(admin.get("/api/devices/" + device + "/timeline?" + twentyDays), 400, "RANGE_TOO_LARGE");
        assertError(admin.get("/api/areas/" + area + "/schedule.ics?" + twentyDays), 400, "RANGE_TOO_LARGE");
        assertError(admin.get("/api/devices/" + device + "/timeline?from=" + at(START) + "&to=" + at(START.plusDays(63))), 400, "BAD_RANGE");

        HttpResponse<String> ics = client.toBlocking().exchange(HttpRequest.GET("/api/areas/" + area + "/schedule.ics?" + day)
                .bearerAuth(admin.tokenForTests()), String.class);
        assertTrue(ics.getContentType().orElseThrow().toString().startsWith("text/calendar"));
        String body = ics.body();
        assertEquals(1439, body.split("BEGIN:VEVENT", -1).length - 1);
        assertTrue(body.startsWith("BEGIN:VCALENDAR\r\n") && body.endsWith("\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), "whole, in order");
        assertEquals("attachment; filename=\"lich-phat-song-HG_1_x.ics\"; filename*=UTF-8''lich-phat-song-HG%221%3Bx.ics",
                ics.header("Content-Disposition"));
    }

    @Test
    void aTargetListedTwentyThousandTimesIsOneTargetAndMoreThanAThousandAreRefused() {
        Api.Reply created = admin.post("/api/campaigns", campaign(Collections.nCopies(20_000, device), once()));
        assertEquals(201, created.status(), created.body().toString());
        Map<?, ?> targets = (Map<?, ?>) admin.get("/api/campaigns/" + created.id()).body().get("targets");
        assertEquals(List.of(device), ((List<?>) targets.get("deviceIds")).stream().map(id -> ((Number) id).longValue()).toList(),
                "one target row");

        List<Long> many = LongStream.rangeClosed(1, 1001).boxed().toList();
        Api.Reply tooMany = admin.post("/api/campaigns", campaign(many, once()));
        assertError(tooMany, 400, "TOO_MANY_TARGETS");
        assertTrue(tooMany.string("message").contains("at most 1000"), tooMany.string("message"));
        assertError(admin.post("/api/campaigns", campaign(List.of(device), Collections.nCopies(101, once().getFirst()))), 400, "TOO_MANY_ITEMS");

        Map<String, Object> sameDay = campaign(List.of(device), once());
        sameDay.put("excludedDates", Collections.nCopies(20_000, START.plusDays(1).toString()));
        Api.Reply excluded = admin.post("/api/campaigns", sameDay);
        assertEquals(201, excluded.status(), excluded.body().toString());
        assertEquals(List.of(START.plusDays(1).toString()), admin.get("/api/campaigns/" + excluded.id()).body().get("excludedDates"));
        Map<String, Object> everyDay = campaign(List.of(device), once());
        everyDay.put("excludedDates", LongStream.range(0, 3 * 366 + 1).mapToObj(d -> START.plusDays(d).toString()).toList());
        assertError(admin.post("/api/campaigns", everyDay), 400, "BAD_DATES");
    }

    /** Dates no column holds: the year −999,999,999, and year 0 (stored as year 1 before). */
    @ParameterizedTest
    @ValueSource(strings = {"-999999999-01-01", "0000-01-01", "3000-01-01"})
    void aDateOutsideTheYearsKeptIsBadDatesEverywhere(String date) {
        for (String field : List.of("startDate", "endDate")) {
            Map<String, Object> body = campaign(List.of(device), once());
            body.put(field, date);
            assertError(admin.post("/api/campaigns", body), 400, "BAD_DATES");
        }
        Map<String, Object> excluded = campaign(List.of(device), once());
        excluded.put("excludedDates", List.of(date));
        assertError(admin.post("/api/campaigns", excluded), 400, "BAD_DATES");
        assertError(admin.post("/api/campaigns", campaign(List.of(device), List.of(Map.of("mediaId", media,
                "rule", Map.of("type", "ONCE", "at", date + "T06:30:00"))))), 400, "BAD_DATES");

        assertError(admin.get("/api/reports/areas/" + area + "?from=" + date + "&to=2026-01-01"), 400, "BAD_DATES");
        assertError(admin.get("/api/reports/areas/" + area + "?from=" + date + "&to=" + date), 400, "BAD_DATES");
        assertError(admin.get("/api/reports/areas/" + area + "?from=2026-01-01&to=" + date), 400, "BAD_DATES");

        String instant = date + "T00:00:00Z";
        String range = "from=" + instant + "&to=" + date + "T12:00:00Z";
        assertError(admin.get("/api/campaigns/" + busy + "/plan?" + range), 400, "BAD_DATES");
        assertError(admin.get("/api/devices/" + device + "/timeline?" + range), 400, "BAD_DATES");
        assertError(admin.get("/api/devices/" + device + "/timeline?from=" + instant), 400, "BAD_DATES");
        assertError(admin.get("/api/areas/" + area + "/schedule.ics?" + range), 400, "BAD_DATES");
        assertError(admin.get("/api/broadcast-logs?from=" + instant), 400, "BAD_DATES");
        assertError(admin.get("/api/broadcast-logs?to=" + instant), 400, "BAD_DATES");
    }

    private Map<String, Object> campaign(List<Long> deviceIds, List<Map<String, Object>> items) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Tuyên truyền", "level", "NORMAL", "startDate", START.toString(),
                "endDate", START.plusDays(70).toString(), "targets", Map.of("deviceIds", deviceIds)));
        body.put("items", new ArrayList<>(items));
        return body;
    }

    private List<Map<String, Object>> once() {
        return List.of(Map.of("mediaId", media, "rule", Map.of("type", "ONCE", "at", START.atTime(6, 30).toString())));
    }

    private static String at(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant().toString();
    }

    private static void assertError(Api.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(code, reply.string("code"), reply.body().toString());
        assertTrue(reply.string("message") != null && !reply.string("message").isBlank(), reply.body().toString());
    }
}
