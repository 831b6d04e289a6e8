package communecast.app.report;

import communecast.app.schedule.Level;
import communecast.app.web.ApiException;

/** What the report files say, in Vietnamese (the default, for official letters) and English. */
enum Label {
    NATION("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    MOTTO("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    NUMBER("Số", "No."),
    REPORT("BÁO CÁO", "REPORT"),
    CAMPAIGN_SUBJECT("Kết quả phát sóng chiến dịch tuyên truyền", "Broadcast results of the campaign"),
    AREA_SUBJECT("Tổng hợp kết quả phát sóng trên địa bàn", "Broadcast summary for"),
    RECIPIENTS("Nơi nhận:", "Recipients:"),
    FILED("- Lưu: VT.", "- File: Records."),
    SIGN_HINT("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
    CAMPAIGN("Chiến dịch", "Campaign"),
    LEGAL_BASIS("Căn cứ", "Legal basis"),
    AREA("Địa bàn", "Area"),
    PERIOD("Thời gian", "Period"),
    ISSUED_ON("Ngày lập", "Issued on"),
    PLANNED_TO_DATE("Kế hoạch đến nay", "Planned to date"),
    PLANNED_WHOLE("Kế hoạch cả chiến dịch", "Planned for the whole campaign"),
    TO_COME("Còn lại", "Still to come"),
    TOO_MANY("quá nhiều lượt để đếm", "too many plays to count"),
    BY_CAMPAIGN("Theo chiến dịch", "By campaign"),
    BY_COMMUNE("Theo xã/phường", "By commune"),
    BY_DEVICE("Theo thiết bị", "By device"),
    BY_DAY("Theo ngày", "By day"),
    ID("Mã", "ID"),
    COMMUNE("Xã/phường", "Commune"),
    DEVICES("Số thiết bị", "Devices"),
    DEVICE("Thiết bị", "Device"),
    DAY("Ngày", "Date"),
    LEVEL("Mức độ", "Level"),
    PLANNED("Kế hoạch", "Planned"),
    AIRED("Đã phát", "Aired"),
    MISSED("Bỏ lỡ", "Missed"),
    FAILED("Lỗi", "Failed"),
    PREEMPTED("Bị ngắt", "Preempted"),
    PENDING("Chờ", "Pending"),
    AIRTIME("Thời lượng phát (giây)", "Airtime (seconds)"),
    AIRED_PERCENT("Tỷ lệ phát (%)", "Aired (%)"),
    TOTAL("Tổng cộng", "Total"),
    NOT_AIRED("Lý do không phát được", "Why plays did not air"),
    PLAYS("lượt", "plays"),
    NO_REASON("không rõ lý do", "no reason given"),
    NORMAL("Thông thường", "Normal"),
    PRIORITY("Ưu tiên", "Priority"),
    EMERGENCY("Khẩn cấp", "Emergency");

    private final String vi;
    private final String en;

    Label(String vi, String en) {
        this.vi = vi;
        this.en = en;
    }

    String in(Lang lang) {
        return lang == Lang.EN ? en : vi;
    }

    static Label of(Level level) {
        return valueOf(level.name());
    }

    enum Lang {
        VI, EN;

        /** {@code lang=vi|en}; Vietnamese when not given. */
        static Lang of(String requested) {
            if (requested == null || requested.equalsIgnoreCase("vi")) {
                return VI;
            }
            if (requested.equalsIgnoreCase("en")) {
                return EN;
            }
            throw ApiException.badRequest("UNSUPPORTED_LANG", "lang must be vi or en");
        }
    }
}
