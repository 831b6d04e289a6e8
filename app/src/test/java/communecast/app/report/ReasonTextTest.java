package communecast.app.report;

import communecast.app.web.LocalTimes;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reasons the server and the agents write, as a Vietnamese report says them. */
class ReasonTextTest {
    private static final LocalTimes HANOI = new LocalTimes(ZoneId.of("Asia/Ho_Chi_Minh"));


    @Test
    void knownReasonsAreSaidInVietnameseWithTheirDetailKept() {
        assertEquals("thiết bị không báo cáo trong 120 giây sau giờ phát",
                ReasonText.in("no report from the device within 120 s of its time", Label.Lang.VI, HANOI));
        assertEquals("phần mềm phát không chạy vào giờ phát", ReasonText.in("agent was not running at air time", Label.Lang.VI, HANOI));
        assertEquals("chưa có tệp để phát: download failed (HTTP 503)",
                ReasonText.in("media not ready: download failed (HTTP 503)", Label.Lang.VI, HANOI));
        assertEquals("không kết nối được luồng tiếp sóng: connection refused; fallback recording not aired (x)",
                ReasonText.in("stream unreachable: connection refused; fallback recording not aired (x)", Label.Lang.VI, HANOI));
        assertEquals("thiết bị bận: lệnh 42 cùng giờ được phát trước",
                ReasonText.in("device busy: order 42, due at the same time, goes first", Label.Lang.VI, HANOI));
        assertEquals("thiết bị bận với lệnh #7 đến 08/12/2026 06:45:00",
                ReasonText.in("device busy with order 7 until 2026-12-07T23:45:00Z", Label.Lang.VI, HANOI), "an instant in local time");
    }

    @Test
    void anUnknownReasonAndAnEnglishReportKeepTheWordsAsRecorded() {
        assertEquals("the loudspeaker amplifier caught fire", ReasonText.in("the loudspeaker amplifier caught fire", Label.Lang.VI, HANOI));
        assertEquals("media not ready: download failed", ReasonText.in("media not ready: download failed", Label.Lang.EN, HANOI));
        assertEquals("xmedia not ready: y", ReasonText.in("xmedia not ready: y", Label.Lang.VI, HANOI), "a known form, whole, not found inside");
    }
}
