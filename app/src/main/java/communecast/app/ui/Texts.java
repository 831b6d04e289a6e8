package communecast.app.ui;

import java.util.Map;

/** The pages' words: Vietnamese first, English as the second language (a link on every page switches). */
final class Texts {
    private static final Map<String, String> VI = Map.ofEntries(
            Map.entry("app", "CommuneCast – Truyền thanh cơ sở"),
            Map.entry("login", "Đăng nhập"), Map.entry("logout", "Đăng xuất"),
            Map.entry("username", "Tên đăng nhập"), Map.entry("password", "Mật khẩu"),
            Map.entry("badLogin", "Sai tên đăng nhập hoặc mật khẩu"),
            Map.entry("dashboard", "Tổng quan"), Map.entry("campaigns", "Chiến dịch tuyên truyền"),
            Map.entry("emergency", "Phát khẩn cấp"), Map.entry("devices", "Thiết bị"),
            Map.entry("online", "Trực tuyến"), Map.entry("offline", "Mất kết nối"),
            Map.entry("alerts", "Cảnh báo"), Map.entry("noAlerts", "Không có cảnh báo"),
            Map.entry("deadAir", "Phát im lặng"), Map.entry("clockOff", "Đồng hồ lệch"),
            Map.entry("lastSeen", "Lần cuối"), Map.entry("name", "Tên"), Map.entry("kind", "Loại"),
            Map.entry("status", "Trạng thái"), Map.entry("title", "Tiêu đề"), Map.entry("level", "Mức độ"),
            Map.entry("dates", "Thời gian"), Map.entry("approve", "Phê duyệt"), Map.entry("report", "Báo cáo"),
            Map.entry("awaiting", "Chờ duyệt"), Map.entry("media", "Bản tin"), Map.entry("area", "Địa bàn"),
            Map.entry("repeat", "Số lần phát"), Map.entry("startEmergency", "PHÁT KHẨN CẤP NGAY"),
            Map.entry("stop", "Dừng phát"), Map.entry("played", "Đã phát"), Map.entry("device", "Thiết bị"),
            Map.entry("state", "Tình trạng"), Map.entry("language", "English"),
            Map.entry("enrollmentCode", "Mã đăng ký dùng một lần cho"), Map.entry("enrollmentHint",
                    "Nhập mã này khi khởi động phần mềm phát lần đầu (--enroll); mã chỉ hiện một lần."),
            Map.entry("screenshot", "Chụp màn hình"), Map.entry("logs", "Nhật ký phát sóng"), Map.entry("register", "Thêm thiết bị"),
            Map.entry("radio", "Loa truyền thanh"), Map.entry("led", "Màn hình LED"), Map.entry("ledSize", "Kích thước LED (rộng × cao, điểm ảnh)"),
            Map.entry("reload", "Tải lại"), Map.entry("filter", "Lọc"), Map.entry("scheduled", "Giờ phát"),
            Map.entry("started", "Bắt đầu"), Map.entry("reason", "Lý do"));
    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("app", "CommuneCast – commune broadcasting"),
            Map.entry("login", "Log in"), Map.entry("logout", "Log out"),
            Map.entry("username", "Username"), Map.entry("password", "Password"),
            Map.entry("badLogin", "Wrong username or password"),
            Map.entry("dashboard", "Dashboard"), Map.entry("campaigns", "Campaigns"),
            Map.entry("emergency", "Emergency"), Map.entry("devices", "Devices"),
            Map.entry("online", "Online"), Map.entry("offline", "Offline"),
            Map.entry("alerts", "Alerts"), Map.entry("noAlerts", "No alerts"),
            Map.entry("deadAir", "Dead air"), Map.entry("clockOff", "Clock off"),
            Map.entry("lastSeen", "Last seen"), Map.entry("name", "Name"), Map.entry("kind", "Kind"),
            Map.entry("status", "Status"), Map.entry("title", "Title"), Map.entry("level", "Level"),
            Map.entry("dates", "Dates"), Map.entry("approve", "Approve"), Map.entry("report", "Report"),
            Map.entry("awaiting", "Awaiting approval"), Map.entry("media", "Bulletin"), Map.entry("area", "Area"),
            Map.entry("repeat", "Times"), Map.entry("startEmergency", "BROADCAST EMERGENCY NOW"),
            Map.entry("stop", "Stop"), Map.entry("played", "Played"), Map.entry("device", "Device"),
            Map.entry("state", "State"), Map.entry("language", "Tiếng Việt"),
            Map.entry("enrollmentCode", "One-time enrollment code for"), Map.entry("enrollmentHint",
                    "Give it to the player agent on its first start (--enroll); it is shown only once."),
            Map.entry("screenshot", "Screenshot"), Map.entry("logs", "Broadcast logs"), Map.entry("register", "Add a device"),
            Map.entry("radio", "Loudspeaker"), Map.entry("led", "LED screen"), Map.entry("ledSize", "LED size (width × height, pixels)"),
            Map.entry("reload", "Reload"), Map.entry("filter", "Filter"), Map.entry("scheduled", "Scheduled"),
            Map.entry("started", "Started"), Map.entry("reason", "Reason"));

    private Texts() {
    }

    static Map<String, String> of(String language) {
        return "en".equals(language) ? EN : VI;
    }
}
