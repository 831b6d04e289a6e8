package communecast.app.media;

import java.text.Normalizer;
import java.time.Month;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notice as an announcer reads it aloud: times, dates, numbers, hotlines and the office's abbreviations in
 * Vietnamese words ("06:30" → "sáu giờ ba mươi", "15/3/2026" → "ngày mười lăm tháng ba năm hai nghìn không trăm hai
 * mươi sáu", "114" → "một một bốn"), so that any engine, which reads digits its own way or not at all, says them as
 * a commune expects. Everything else is kept as written.
 */
final class VietnameseReading {
    private static final String[] DIGITS = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};
    private static final String[] MONTHS = {"", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"};
    /** Thousands, millions; then "tỷ" for each further three groups (nghìn tỷ, triệu tỷ). */
    private static final String[] GROUPS = {"", " nghìn", " triệu"};
    /** Read digit by digit, as people dial them: the emergency numbers and a phone number (a leading 0, maybe spaced). */
    private static final Pattern HOTLINE = Pattern.compile(
            "(?<![\\d.,])(?:11[1-5]|0\\d{2,3}[ .]\\d{3,4}[ .]\\d{3,4}|0\\d{2,})(?![\\d]|[.,]\\d)");
    private static final Pattern MONTH = Pattern.compile("(?<=[Tt]háng )(1[0-2]|0?[1-9])(?!\\d)");
    private static final Pattern DATE = Pattern.compile("(?<!\\d)(?<before>[Nn]gày\\s+)?(?<day>\\d{1,2})/(?<month>\\d{1,2})(?:/(?<year>\\d{4}))?(?![\\d/])");
    private static final Pattern TIME = Pattern.compile("(?<![\\d:])(?<hour>[01]?\\d|2[0-3])(?::|h|g)(?<minute>[0-5]\\d)?(?![\\d:])");
    private static final Pattern GROUPED = Pattern.compile("(?<![\\d.,])\\d{1,3}(?:\\.\\d{3})+(?![\\d.]|,\\d)");
    private static final Pattern DECIMAL = Pattern.compile("(?<![\\d.,])(\\d+),(\\d+)(?![\\d.,])");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final List<Map.Entry<Pattern, String>> WORDS = List.of(
            word("UBND", "Ủy ban nhân dân"), word("HĐND", "Hội đồng nhân dân"), word("MTTQ", "Mặt trận Tổ quốc"),
            word("PCCC", "phòng cháy chữa cháy"), word("ATGT", "an toàn giao thông"), word("CSGT", "cảnh sát giao thông"),
            word("BHYT", "bảo hiểm y tế"), word("BHXH", "bảo hiểm xã hội"), word("THCS", "trung học cơ sở"),
            word("THPT", "trung học phổ thông"), word("TP\\.", "thành phố"),
            unit("km", "ki lô mét"), unit("kg", "ki lô gam"), unit("ha", "héc ta"), unit("%", "phần trăm"), unit("°C", "độ C"));

    private VietnameseReading() {
    }

    static String aloud(String text) {
        String said = Normalizer.normalize(text, Normalizer.Form.NFC);
        for (Map.Entry<Pattern, String> word : WORDS) {
            said = word.getKey().matcher(said).replaceAll(Matcher.quoteReplacement(word.getValue()));
        }
        said = replace(DATE, said, m -> realDate(m) ? (m.group("before") != null ? m.group("before") : "ngày ") + date(m) : m.group());
        said = replace(MONTH, said, m -> MONTHS[Integer.parseInt(m.group(1))]);
        said = replace(TIME, said, m -> time(Integer.parseInt(m.group("hour")), m.group("minute")));
        said = replace(HOTLINE, said, m -> digits(m.group()));
        said = replace(GROUPED, said, m -> number(Long.parseLong(m.group().replace(".", ""))));
        said = replace(DECIMAL, said, m -> number(Long.parseLong(m.group(1))) + " phẩy " + decimals(m.group(2)));
        return replace(NUMBER, said, m -> m.group().length() > 15 ? digits(m.group()) : number(Long.parseLong(m.group())));
    }

    /** A whole number in words, as 2026 → "hai nghìn không trăm hai mươi sáu". */
    static String number(long n) {
        if (n == 0) {
            return DIGITS[0];
        }
        StringBuilder words = new StringBuilder();
        int group = 0;
        for (long rest = n; rest > 0; rest /= 1000, group++) {
            int part = (int) (rest % 1000);
            if (part > 0) {
                String said = hundreds(part, rest >= 1000) + GROUPS[group % 3] + " tỷ".repeat(group / 3);
                words.insert(0, words.isEmpty() ? said : said + " ");
            }
        }
        return words.toString();
    }

    /** Up to 999; after a higher group its hundreds are read even when 0 ("không trăm linh năm"). */
    private static String hundreds(int n, boolean afterHigher) {
        int h = n / 100;
        int rest = n % 100;
        if (h == 0 && !afterHigher) {
            return tens(rest);
        }
        String said = DIGITS[h] + " trăm";
        if (rest == 0) {
            return said;
        }
        return said + " " + (rest < 10 ? "linh " + DIGITS[rest] : tens(rest));
    }

    private static String tens(int n) {
        int t = n / 10;
        int u = n % 10;
        if (t == 0) {
            return DIGITS[u];
        }
        String said = t == 1 ? "mười" : DIGITS[t] + " mươi";
        return switch (u) {
            case 0 -> said;
            case 1 -> said + (t == 1 ? " một" : " mốt");
            case 4 -> said + (t == 1 ? " bốn" : " tư");
            case 5 -> said + " lăm";
            default -> said + " " + DIGITS[u];
        };
    }

    private static String digits(String number) {
        return String.join(" ", number.chars().filter(Character::isDigit).mapToObj(c -> DIGITS[c - '0']).toList());
    }

    private static String decimals(String digits) {
        return digits.startsWith("0") ? digits(digits) : number(Long.parseLong(digits));
    }

    private static String time(int hour, String minute) {
        int minutes = minute == null ? 0 : Integer.parseInt(minute);
        return number(hour) + " giờ" + (minutes == 0 ? "" : minutes < 10 ? " " + number(minutes) + " phút" : " " + number(minutes));
    }

    /** The day and month; a date that cannot be (31/2, 13/13) is left to be read as numbers. */
    private static String date(Matcher m) {
        int day = Integer.parseInt(m.group("day"));
        int month = Integer.parseInt(m.group("month"));
        String said = (day <= 10 ? "mồng " : "") + number(day) + " tháng " + MONTHS[month];
        return m.group("year") == null ? said : said + " năm " + number(Integer.parseInt(m.group("year")));
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> said) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(said.apply(m)));
        }
        return m.appendTail(out).toString();
    }

    private static boolean realDate(Matcher m) {
        int day = Integer.parseInt(m.group("day"));
        int month = Integer.parseInt(m.group("month"));
        return month >= 1 && month <= 12 && day >= 1 && day <= Month.of(month).maxLength();
    }

    private static Map.Entry<Pattern, String> word(String abbreviation, String words) {
        return Map.entry(Pattern.compile("(?<![\\p{L}\\d])" + abbreviation + "(?![\\p{L}\\d])"), words);
    }

    /** A unit after a number: "5 km", "30%". */
    private static Map.Entry<Pattern, String> unit(String symbol, String words) {
        return Map.entry(Pattern.compile("(?<=\\d)\\s*" + Pattern.quote(symbol) + "(?!\\p{L})"), " " + words);
    }
}
