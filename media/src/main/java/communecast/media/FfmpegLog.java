package communecast.media;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg's own words for what went wrong, and less of its chatter on stderr. Public for the audio and video packages. */
public final class FfmpegLog {

    /** JavaCV reports e.g. "avformat_open_input() error -1094995529: Could not open input ...". */
    private static final Pattern JAVACV_ERROR = Pattern.compile("(\\w+)\\(\\) error (-\\d+)");

    private FfmpegLog() {
    }

    /** Warnings about every odd packet would drown the errors that matter. */
    public static void quiet() {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    /** "Invalid data found when processing input" for AVERROR_INVALIDDATA, and so on. */
    public static String describe(int errorCode) {
        byte[] text = new byte[avutil.AV_ERROR_MAX_STRING_SIZE];
        avutil.av_strerror(errorCode, text, text.length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end);
    }

    /** FFmpeg's meaning of the code inside a JavaCV exception (grabber, filter or recorder), with the function that returned it. */
    public static String describe(Exception e) {
        Matcher error = JAVACV_ERROR.matcher(String.valueOf(e.getMessage()));
        if (!error.find()) {
            return e.getMessage();
        }
        return describe(Integer.parseInt(error.group(2))) + " (" + error.group(1) + "() returned " + error.group(2) + ")";
    }
}
