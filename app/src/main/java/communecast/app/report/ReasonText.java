package communecast.app.report;

import communecast.app.web.Messages;

/**
 * Why a play did not air, in the report's language. Reasons are recorded in English, as the server and the agents
 * (of any version) write them; a report in Vietnamese says the known ones in Vietnamese through the message
 * catalogue ({@link Messages}), keeping their technical detail (an HTTP status, an FFmpeg message) as it came.
 */
public final class ReasonText {

    private ReasonText() {
    }

    static String in(String reason, Label.Lang lang) {
        return in(reason, lang == Label.Lang.VI);
    }

    /** The reason in Vietnamese when asked (the pages' language "vi"), else as recorded; null stays null. */
    public static String in(String reason, boolean vietnamese) {
        return vietnamese ? Messages.vietnamese(reason) : reason;
    }
}
