package communecast.app;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** Bodies of POST /api/campaigns that tests send. */
final class TestCampaigns {
    private TestCampaigns() {
    }

    /** A NORMAL campaign airing {@code mediaId} once at {@code at} (local time) on the given devices. */
    static Map<String, Object> once(long mediaId, LocalDateTime at, List<Long> deviceIds) {
        String day = at.toLocalDate().toString();
        return Map.of("title", "Tuyên truyền PCCC", "legalBasis", "Kế hoạch số 104/KH-UBND", "level", "NORMAL",
                "startDate", day, "endDate", day, "targets", Map.of("deviceIds", deviceIds),
                "items", List.of(Map.of("mediaId", mediaId, "rule", Map.of("type", "ONCE", "at", at.toString()))));
    }
}
