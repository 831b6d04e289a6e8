package communecast.app.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MessagesTest {

    @Test
    void aMessageOfPartsIsSaidPartByPartWithItsDetailAndLevelsInWords() {
        assertEquals("trùng giờ với «Tiếp sóng VOV» (ưu tiên); chờ bản tin đó phát xong; bị «Báo cháy» (khẩn cấp) ngắt",
                Messages.vietnamese("overlaps Tiếp sóng VOV (PRIORITY); waits until it ends; cut by Báo cháy (EMERGENCY)"));
        assertEquals("trong giờ không phát loa 21:00–06:00", Messages.vietnamese("quiet hours 21:00–06:00"));
        assertEquals("ngày không phát 08/12/2026", Messages.vietnamese("excluded date 2026-12-08"), "dates as staff write them");
        assertEquals("đúng ra phát lúc 06:30, chuyển sang ngay sau «Thời sự» theo thứ tự xã đã chọn",
                Messages.vietnamese("due at 06:30, moved after «Thời sự»: the order the commune picked"));
    }

    @Test
    void refusalsAreSaidAndWhatIsUnknownStaysAsItCame() {
        assertEquals("thiết bị #12 ngoài địa bàn của bạn", Messages.vietnamese("device 12 is outside your area"));
        assertEquals("bản tin #3 bị từ chối: no audio stream", Messages.vietnamese("media 3 is REJECTED (no audio stream)"));
        assertEquals("the amplifier caught fire; nobody came", Messages.vietnamese("the amplifier caught fire; nobody came"));
        assertEquals("chưa có tệp để phát: download failed (HTTP 503); x",
                Messages.vietnamese("media not ready: download failed (HTTP 503); x"), "a known part, and one it does not know");
        assertEquals("giờ phát 01/03/2027 06:30 nằm ngoài thời gian chiến dịch 08/12/2026 – 14/12/2026",
                Messages.vietnamese("rule.at 2027-03-01T06:30 is outside the campaign's dates 2026-12-08 – 2026-12-14"));
        assertNull(Messages.vietnamese(null));
        assertEquals("quiet hours 21:00–06:00", Messages.in("en").text("quiet hours 21:00–06:00"), "English pages say it as written");
    }
}
