package communecast.app;

import communecast.media.testing.TestMedia;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The province's information-source system reads what each commune aired with a VIEWER key: every play of the area's
 * devices over local days, named and coded as docs/integration.md says, page after page until none is left.
 */
@MicronautTest
class BroadcastExportTest extends LiveServerTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    Api admin;
    Api system;
    long province;
    long commune;
    long otherCommune;
    int plays;
    LocalDate today;

    @BeforeAll
    void world() throws Exception {
        admin = Api.login(client.toBlocking(), "admin", TestServer.ADMIN_PASSWORD);
        province = admin.post("/api/areas", Map.of("name", "Tỉnh Lai Châu", "code", "LCH", "kind", "PROVINCE")).id();
        commune = admin.post("/api/areas", Map.of("name", "Xã Bản Hon", "code", "LCH-BH", "kind", "COMMUNE", "parentId", province)).id();
        long village = admin.post("/api/areas", Map.of("name", "Thôn Bản Hon 1", "code", "LCH-BH-1", "kind", "VILLAGE", "parentId", commune)).id();
        otherCommune = admin.communeIn("Tỉnh Điện Biên", "DBX", "Xã Mường Phăng", "DBX-MP");
        long radio = admin.post("/api/devices", Map.of("name", "Đài xã Bản Hon", "areaId", commune, "kind", "RADIO")).id();
        long cluster = admin.post("/api/devices", Map.of("name", "Cụm loa thôn 1", "areaId", village, "kind", "RADIO")).id();
        long elsewhere = admin.post("/api/devices", Map.of("name", "Loa Mường Phăng", "areaId", otherCommune, "kind", "RADIO")).id();
        long media = admin.upload("Bản tin PCCC", TestMedia.tone(Files.createTempDirectory("export").resolve("pccc.wav"), Duration.ofSeconds(2), 440)).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        today = LocalDate.now(ZONE);
        List<String> times = List.of("06:30", "11:00", "17:30");
        long campaign = admin.post("/api/campaigns", Map.of("title", "Tuyên truyền PCCC", "legalBasis", "Kế hoạch 104/KH-UBND", "level", "NORMAL",
                "startDate", today.plusDays(1).toString(), "endDate", today.plusDays(1).toString(),
                "targets", Map.of("deviceIds", List.of(radio, cluster, elsewhere)),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "DAILY", "times", times))))).id();
        admin.post("/api/campaigns/" + campaign + "/approve", Map.of());
        plays = 2 * times.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.list("/api/broadcast-logs?campaignId=" + campaign).size() == 3 * times.size());
        system = new Api(client.toBlocking(), admin.post("/api/api-keys", Map.of("name", "Hệ thống thông tin nguồn", "role", "VIEWER", "areaId", province)).string("key"));
    }

    @Test
    void everyPlayOfTheAreaPageAfterPageAsDocumented() throws Exception {
        String day = today.plusDays(1).toString();
        List<Map<String, Object>> read = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Api.Reply page = system.get("/api/exports/broadcasts?areaId=" + province + "&from=" + day + "&to=" + day + "&limit=4"
                    + (after == null ? "" : "&after=" + after));
            assertEquals(200, page.status(), () -> String.valueOf(page.body()));
            @SuppressWarnings("unchecked") List<Map<String, Object>> rows = (List<Map<String, Object>>) page.body().get("plays");
            read.addAll(rows);
            after = page.string("next");
            pages++;
        } while (after != null && pages < 10);
        assertEquals(plays, read.size(), "the area's plays, each once, none of another province: " + read);
        assertEquals(plays, new HashSet<>(read.stream().map(r -> r.get("id")).toList()).size());
        assertEquals(2, pages, "4 then 2, the last page says there is no next");
        Map<String, Object> first = read.getFirst();
        assertEquals("LCH-BH", first.get("communeCode"));
        assertTrue(read.stream().allMatch(r -> "Xã Bản Hon".equals(r.get("communeName"))), "a village's device is in its commune");
        assertEquals("Kế hoạch 104/KH-UBND", first.get("legalBasis"));
        assertEquals(day + "T06:30:00+07:00", first.get("scheduledAt"), "in the zone, with its offset");
        assertEquals("PENDING", first.get("status"));
        assertTrue(documentedExample().keySet().containsAll(first.keySet()), "only documented fields: " + first.keySet());

        String csvPath = "/api/exports/broadcasts?areaId=" + commune + "&from=" + today.plusDays(1).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"))
                + "&to=" + day + "&format=csv&limit=5";
        HttpResponse<String> csv = client.toBlocking().exchange(HttpRequest.GET(csvPath).bearerAuth(system.tokenForTests()), String.class);
        String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
        assertEquals(List.copyOf(documentedFields()), Arrays.asList(lines[0].split(",")), "the CSV's columns are the table's, in order");
        assertEquals(6, lines.length, "the header and a page of 5");
        String next = csv.getHeaders().get("Link");
        assertTrue(next != null && next.matches("<.*after=\\d+-\\d+.*>; rel=\"next\""), next);
        String nextPath = next.substring(1, next.indexOf('>'));
        HttpResponse<String> rest = client.toBlocking().exchange(HttpRequest.GET(nextPath).bearerAuth(system.tokenForTests()), String.class);
        assertEquals(2, rest.body().replace("\uFEFF", "").split("\r\n").length, "the header and the last play");
        assertNull(rest.getHeaders().get("Link"), "nothing after the last page");
        assertEquals(documentedFields(), documentedExample().keySet(), "the example shows every field of the table");
    }

    @Test
    void whatCannotBeExportedIsRefusedClearly() {
        String day = today.toString();
        assertEquals("MISSING_FIELD", system.get("/api/exports/broadcasts?from=" + day + "&to=" + day).string("code"));
        assertEquals("MISSING_FIELD", system.get("/api/exports/broadcasts?areaId=" + province + "&to=" + day).string("code"));
        assertEquals(403, system.get("/api/exports/broadcasts?areaId=" + otherCommune + "&from=" + day + "&to=" + day).status(), "another province's");
        assertEquals("BAD_DATES", system.get("/api/exports/broadcasts?areaId=" + province + "&from=" + day + "&to=" + today.minusDays(1)).string("code"));
        assertEquals("BAD_DATES", system.get("/api/exports/broadcasts?areaId=" + province + "&from=" + today.minusDays(366) + "&to=" + day).string("code"));
        assertEquals("BAD_DATES", system.get("/api/exports/broadcasts?areaId=" + province + "&from=hôm-qua&to=" + day).string("code"));
        assertEquals("BAD_CURSOR", system.get("/api/exports/broadcasts?areaId=" + province + "&from=" + day + "&to=" + day + "&after=trang-2").string("code"));
        assertEquals("BAD_FORMAT", system.get("/api/exports/broadcasts?areaId=" + province + "&from=" + day + "&to=" + day + "&format=pdf").string("code"));
        assertEquals("BAD_LIMIT", system.get("/api/exports/broadcasts?areaId=" + province + "&from=" + day + "&to=" + day + "&limit=100000").string("code"));
        assertEquals(401, new Api(client.toBlocking(), null).get("/api/exports/broadcasts?areaId=" + province + "&from=" + day + "&to=" + day).status());
    }

    /** The field column of the table in docs/integration.md's export section, in order. */
    private static Set<String> documentedFields() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "integration.md"));
        String section = doc.substring(doc.indexOf("## Broadcast results"));
        Set<String> fields = new LinkedHashSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (`[^|]+`) \\|").matcher(section);
        while (row.find()) {
            Matcher name = Pattern.compile("`(\\w+)`").matcher(row.group(1));
            while (name.find()) {
                fields.add(name.group(1));
            }
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> documentedExample() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "integration.md"));
        String section = doc.substring(doc.indexOf("## Broadcast results"));
        String example = section.substring(section.indexOf("```json") + 7, section.indexOf("```", section.indexOf("```json") + 7)).strip();
        Map<String, Object> page = json.readValue(example, Map.class);
        return ((List<Map<String, Object>>) page.get("plays")).getFirst();
    }
}
