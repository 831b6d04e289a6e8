package communecast.app.campaign;

import communecast.app.Api;
import communecast.app.LiveServerTest;
import communecast.app.device.Device;
import communecast.app.device.Devices;
import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which devices a campaign reaches, read whole or told among a commune's devices: the same answer both ways. */
@MicronautTest
class TargetDevicesTest extends LiveServerTest {
    @Inject
    Campaigns campaigns;
    @Inject
    Devices devices;

    @Test
    void aCampaignReachesTheSameDevicesWhetherReadWholeOrAmongACommunes() {
        Api admin = Api.admin(client.toBlocking());
        long communeA = admin.communeIn("Tỉnh Lào Cai", "LC", "Xã Bát Xát", "LC-BX");
        long province = ((Number) admin.get("/api/areas/" + communeA).body().get("parentId")).longValue();
        long communeB = admin.post("/api/areas", Map.of("name", "Xã Sa Pa", "code", "LC-SP", "kind", "COMMUNE", "parentId", province)).id();
        long village = admin.post("/api/areas", Map.of("name", "Thôn Tả Van", "code", "LC-SP-TV", "kind", "VILLAGE", "parentId", communeB)).id();
        long inA = admin.post("/api/devices", Map.of("name", "Loa Bát Xát", "areaId", communeA, "kind", "RADIO")).id();
        long inVillage = admin.post("/api/devices", Map.of("name", "Loa Tả Van", "areaId", village, "kind", "RADIO")).id();
        long named = admin.post("/api/devices", Map.of("name", "Loa chợ Sa Pa", "areaId", communeB, "kind", "RADIO")).id();
        long grouped = admin.post("/api/devices", Map.of("name", "Màn hình Sa Pa", "areaId", communeB, "kind", "LED",
                "screenWidth", 384, "screenHeight", 192)).id();
        admin.post("/api/devices", Map.of("name", "Loa không nhận", "areaId", communeB, "kind", "RADIO"));
        long group = admin.post("/api/device-groups", Map.of("name", "Màn hình", "areaId", communeB, "deviceIds", List.of(grouped))).id();
        long retired = admin.post("/api/devices", Map.of("name", "Loa cũ", "areaId", village, "kind", "RADIO")).id();
        admin.post("/api/devices/" + retired + "/retire", Map.of());
        long media;
        try {
            media = admin.upload("Bản tin", TestMedia.tone(Files.createTempDirectory("targets").resolve("b.wav"), Duration.ofSeconds(1), 440)).id();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(admin.get("/api/media/" + media).string("status")));
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1);
        long id = admin.post("/api/campaigns", Map.of("title", "Du lịch an toàn", "level", "NORMAL", "startDate", day.toString(),
                "endDate", day.toString(), "targets", Map.of("areaIds", List.of(communeA, village), "deviceIds", List.of(named), "groupIds", List.of(group)),
                "items", List.of(Map.of("mediaId", media, "rule", Map.of("type", "ONCE", "at", day + "T07:00:00"))))).id();
        Campaign campaign = campaigns.find(id).orElseThrow();

        List<Long> whole = campaigns.targetDevices(campaign).stream().map(Device::id).sorted().toList();
        assertEquals(List.of(inA, inVillage, named, grouped).stream().sorted().toList(), whole);
        List<Device> sapa = devices.inArea(communeB);
        assertEquals(whole.stream().filter(d -> d != inA).toList(),
                campaigns.targetDevicesAmong(campaign, sapa).stream().map(Device::id).toList(), "the same rule among Sa Pa's devices");
        assertEquals(whole, campaigns.targetDevicesAmong(campaign, devices.inArea(province)).stream().map(Device::id).toList());
    }
}
