package communecast.app.report;

import communecast.app.web.LocalTimes;
import communecast.app.web.Messages;

/**
 * Why a play did not air, in the report's language. Reasons are recorded in English, as the server and the agents
 * (of any version) write them; a report in Vietnamese says the known ones in Vietnamese through the message
 * catalogue ({@link Messages}), keeping their technical detail (an HTTP status, an FFmpeg message) as it came.
 */
final class ReasonText {

    private ReasonText() {
    }

    /** The reason in Vietnamese in a Vietnamese report, else as recorded, its instants in local time; null stays null. */
    static String in(String reason, Label.Lang lang, LocalTimes times) {
        return new Messages.Speaker(lang == Label.Lang.VI, times).text(reason);
    }
}
