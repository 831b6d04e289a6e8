package communecast.app.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a play did not air, in the report's language. Reasons are recorded in English, as the server and the agents
 * (of any version) write them; a report in Vietnamese says the known ones in Vietnamese, keeping their technical
 * detail (an HTTP status, an FFmpeg message) as it came. A reason it does not know is shown as it is.
 */
public final class ReasonText {

    private record Known(Pattern english, String vietnamese) {
    }

    /** Each English form, whole or as a prefix with its detail in group 1, and its Vietnamese ({@code %s}: the detail). */
    private static final List<Known> KNOWN = List.of(
            known("no report from the device within (\\d+) s of its time", "thiết bị không báo cáo trong %s giây sau giờ phát"),
            known("agent was not running at air time", "phần mềm phát không chạy vào giờ phát"),
            known("order arrived after its air time", "lệnh phát đến thiết bị sau giờ phát"),
            known("media not ready: (.*)", "chưa có tệp để phát: %s"),
            known("decode error: (.*)", "tệp không giải mã được: %s"),
            known("stream unreachable: (.*)", "không kết nối được luồng tiếp sóng: %s"),
            known("device busy: order (\\d+), due at the same time, goes first", "thiết bị bận: lệnh %s cùng giờ được phát trước"),
            known("device retired", "thiết bị đã ngừng sử dụng"));

    private ReasonText() {
    }

    static String in(String reason, Label.Lang lang) {
        return in(reason, lang == Label.Lang.VI);
    }

    /** The reason in Vietnamese when asked (the pages' language "vi"), else as recorded; null stays null. */
    public static String in(String reason, boolean vietnamese) {
        if (!vietnamese || reason == null) {
            return reason;
        }
        for (Known k : KNOWN) {
            Matcher m = k.english().matcher(reason);
            if (m.matches()) {
                return m.groupCount() == 0 ? k.vietnamese() : k.vietnamese().formatted(m.group(1));
            }
        }
        return reason;
    }

    private static Known known(String english, String vietnamese) {
        return new Known(Pattern.compile(english, Pattern.DOTALL), vietnamese);
    }
}
