package communecast.app.campaign;

import communecast.app.area.Area;
import communecast.app.area.AreaKind;
import communecast.app.device.Device;
import communecast.app.device.DeviceKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TargetTreeTest {
    static final Area PROVINCE = area(1, AreaKind.PROVINCE, null, "/1/");
    static final Area COMMUNE_A = area(2, AreaKind.COMMUNE, 1L, "/1/2/");
    static final Area VILLAGE_A = area(3, AreaKind.VILLAGE, 2L, "/1/2/3/");
    static final Area COMMUNE_B = area(4, AreaKind.COMMUNE, 1L, "/1/4/");
    static final Area VILLAGE_B = area(5, AreaKind.VILLAGE, 4L, "/1/4/5/");
    static final List<Area> TREE = List.of(PROVINCE, COMMUNE_A, VILLAGE_A, COMMUNE_B, VILLAGE_B);
    static final List<Device> DEVICES = List.of(device(10, 3), device(11, 5), device(12, 4));

    @Test
    void aProvincesCommunesStayClosedButTheOneHoldingAChosenDevice() {
        List<List<Long>> asked = new ArrayList<>();
        Set<Long> opened = TargetTree.communesHolding(List.of(5L), TREE);
        TargetTree tree = TargetTree.of(TREE, false, opened, ids -> {
            asked.add(ids);
            return DEVICES.stream().filter(d -> ids.contains(d.areaId())).toList();
        });
        assertEquals(Set.of(4L), opened, "the village's commune");
        assertEquals(List.of("1 open []", "2 closed []", "4 open [12]", "5 open [11]"), lines(tree));
        assertEquals(List.of(List.of(1L, 4L, 5L)), asked, "devices read for what is shown, once");
    }

    @Test
    void aCommunesUserGetsTheWholeTree() {
        TargetTree tree = TargetTree.of(List.of(COMMUNE_A, VILLAGE_A), true, Set.of(), ids -> DEVICES.stream().filter(d -> ids.contains(d.areaId())).toList());
        assertEquals(List.of("2 open []", "3 open [10]"), lines(tree));
        assertEquals(1, tree.nodes().get(1).depth());
    }

    private static List<String> lines(TargetTree tree) {
        return tree.nodes().stream().map(n -> n.area().id() + (n.closed() ? " closed " : " open ")
                + n.devices().stream().map(Device::id).toList()).toList();
    }

    private static Area area(long id, AreaKind kind, Long parent, String path) {
        return new Area(id, "Area " + id, "A" + id, kind, parent, path, null, null, null);
    }

    private static Device device(long id, long areaId) {
        return new Device(id, "Loa " + id, areaId, DeviceKind.RADIO, null, null, false, null, null, null, null, null, null,
                null, null, null, null, null, true, null, null, false, null);
    }
}
