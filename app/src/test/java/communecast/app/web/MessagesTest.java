package communecast.app.web;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MessagesTest {
    private static final LocalTimes HANOI = new LocalTimes(ZoneId.of("Asia/Ho_Chi_Minh"));


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
        assertEquals("chiến dịch #7 đang ở trạng thái nháp; việc này cần chiến dịch ở trạng thái khác",
                Messages.vietnamese("campaign 7 is DRAFT; this needs [SUBMITTED]"), "a status in words, never a bare code");
        assertEquals("vai trò Xem không được làm việc này; cần vai trò khác",
                Messages.vietnamese("role VIEWER may not do this; needs one of [ADMIN, EDITOR]"));
        assertEquals("thiết bị #4 hiện không kết nối; hãy gửi lệnh khi thiết bị trực tuyến",
                Messages.vietnamese("device 4 is not linked now; send the command when it is online"));
        assertEquals("tài khoản của bạn do quản trị khác thay đổi; mật khẩu thì bạn tự đổi",
                Messages.vietnamese("another administrator changes your own account; your password is yours to change"));
        assertEquals("thiết bị bận với lệnh #81 đến 07/12/2026 16:30:05",
                Messages.in("vi", HANOI).text("device busy with order 81 until 2026-12-07T09:30:05Z"), "an agent's instant in local time");
        assertEquals("device busy with order 81 until 07/12/2026 16:30:05",
                Messages.in("en", HANOI).text("device busy with order 81 until 2026-12-07T16:30:05+07:00"), "in English too, never ISO");
        assertEquals("lệnh khẩn cấp #3 đã dừng lúc 07/12/2026 17:00:00",
                Messages.in("vi", HANOI).text("emergency 3 was stopped at 2026-12-07T10:00:00Z"));
        assertEquals("ngày kết thúc (01/03/2026) trước ngày bắt đầu (05/03/2026)",
                Messages.in("vi", HANOI).text("to (2026-03-01) is before from (2026-03-05)"), "days as staff write them");
        assertEquals("the amplifier caught fire; nobody came", Messages.vietnamese("the amplifier caught fire; nobody came"));
        assertEquals("chưa có tệp để phát: download failed (HTTP 503); x",
                Messages.vietnamese("media not ready: download failed (HTTP 503); x"), "a known part, and one it does not know");
        assertEquals("giờ phát 01/03/2027 06:30 nằm ngoài thời gian chiến dịch 08/12/2026 – 14/12/2026",
                Messages.vietnamese("rule.at 2027-03-01T06:30 is outside the campaign's dates 2026-12-08 – 2026-12-14"));
        assertEquals("không có chiến dịch #7", Messages.vietnamese("campaign 7 does not exist"));
        assertEquals("webhook #2 ngoài địa bàn của bạn", Messages.vietnamese("webhook 2 is outside your area"));
        assertEquals("xã phải thuộc một tỉnh", Messages.vietnamese("a COMMUNE must have a PROVINCE as parent"), "area kinds in words");
        assertEquals("«Thời sự» đang ở trạng thái tạm dừng: chỉ chiến dịch đã duyệt mới phát",
                Messages.vietnamese("«Thời sự» is PAUSED: only approved campaigns air"));
        assertEquals("mã đăng ký này cấp lúc 06/12/2026 08:00:00 và đã hết hạn sau 1 ngày; hãy cấp mã mới cho thiết bị",
                Messages.in("vi", HANOI).text("this enrollment code was issued at 2026-12-06T01:00:00Z and expired after 1 days; issue a new one for the device"));
        assertEquals("5 lần nhập sai mã đăng ký từ địa chỉ này trong 15 phút; hãy thử lại sau 40 giây",
                Messages.vietnamese("5 wrong enrollment codes from this address within 15 minutes; try again in 40 s"));
        assertEquals("cần nhập «rule.to»", Messages.vietnamese("rule.to is required"), "a field's name kept as the form's");
        assertEquals("yêu cầu có 10485783 byte; máy chủ chỉ nhận tối đa 10485760 byte ở đây",
                Messages.vietnamese(ReadableErrors.tooLarge("The content length [10485783] exceeds the maximum allowed bufferable length [10485760]. Note that…")));
        assertNull(Messages.vietnamese(null));
        assertEquals("quiet hours 21:00–06:00", Messages.in("en", HANOI).text("quiet hours 21:00–06:00"), "English pages say it as written");
    }
}
