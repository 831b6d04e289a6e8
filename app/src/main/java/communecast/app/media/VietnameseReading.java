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
 * mươi sáu", "gọi 114" → "gọi một một bốn"), so that any engine, which reads digits its own way or not at all, says them as
 * a commune expects. Everything else is kept as written.
 */
final class VietnameseReading {
    private static final String[] DIGITS = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};
    private static final String[] MONTHS = {"", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"};
    /** Thousands, millions; then "tỷ" for each further three groups (nghìn tỷ, triệu tỷ). */
    private static final String[] GROUPS = {"", " nghìn", " triệu"};
    /** A phone number, read digit by digit as people dial it: 10 or 11 digits from 0 or +84, maybe spaced; 1800/1900 lines. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\d+])(?:(?:\\+84[ .]?|0)\\d(?:[ .]?\\d){8,9}|1[89]00[ .]?\\d{4,6})(?!\\d)");
    /** The emergency numbers, digit by digit where the text says to call them ("gọi 114"); "115 hộ" stays a number. */
    private static final Pattern HOTLINE = Pattern.compile("(?iu)(?<call>gọi|số|đường dây nóng|hotline|tổng đài)(?<space>\\s+)(?<number>11[1-5])(?!\\d)");
    private static final Pattern MONTH = Pattern.compile("(?<=[Tt]háng )(1[0-2]|0?[1-9])(?!\\d)");
    /** A day: with its year (15/3/2026, 15-03-2026), or a day and month after "ngày", "từ", "đến" (a bare 24/7 or 1/2 is no date). */
    private static final Pattern DATE = Pattern.compile("(?<!\\d)(?<before>(?:[Nn]gày|[Tt]ừ|[Đđ]ến|[Tt]ới)\\s+)?(?<day>\\d{1,2})(?<sep>[/-])(?<month>\\d{1,2})"
            + "(?:\\k<sep>(?<year>\\d{4}))?(?![\\d/-])");
    /** 06:30, 7h05, 8h; a duration such as 24h is "hai mươi tư giờ" too. */
    private static final Pattern TIME = Pattern.compile("(?<![\\d:])(?:(?<hour>[01]?\\d|2[0-3]):(?<minute>[0-5]\\d)|(?<hours>\\d{1,3})h(?<minutes>[0-5]\\d)?)(?![\\d:\\p{L}])");
    /** 10.000 and 1.500,5: dots group thousands, a comma starts the decimals. */
    private static final Pattern GROUPED = Pattern.compile("(?<![\\d.,])(\\d{1,3}(?:\\.\\d{3})+)(?:,(\\d+))?(?![\\d.]|,\\d)");
    private static final Pattern DECIMAL = Pattern.compile("(?<![\\d.,])(\\d+),(\\d+)(?![\\d.,])");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final List<Map.Entry<Pattern, String>> WORDS = List.of(
            word("UBND", "Ủy ban nhân dân"), word("HĐND", "Hội đồng nhân dân"), word("MTTQ", "Mặt trận Tổ quốc"),
            word("PCCC", "phòng cháy chữa cháy"), word("ATGT", "an toàn giao thông"), word("CSGT", "cảnh sát giao thông"),
            word("BHYT", "bảo hiểm y tế"), word("BHXH", "bảo hiểm xã hội"), word("THCS", "trung học cơ sở"),
            word("THPT", "trung học phổ thông"), word("TP\\.", "thành phố"),
            unit("km", "ki lô mét"), unit("kg", "ki lô gam"), unit("ha", "héc ta"), unit("%", "phần trăm"), unit("°C", "độ C"),
            unit("đ", "đồng"), unit("g", "gam"));

    private VietnameseReading() {
    }

    static String aloud(String text) {
        String said = Normalizer.normalize(text, Normalizer.Form.NFC);
        for (Map.Entry<Pattern, String> word : WORDS) {
            said = word.getKey().matcher(said).replaceAll(Matcher.quoteReplacement(word.getValue()));
        }
        said = replace(PHONE, said, m -> digits(m.group()));
        said = replace(HOTLINE, said, m -> m.group("call") + m.group("space") + digits(m.group("number")));
        said = replace(DATE, said, VietnameseReading::date);
        said = replace(MONTH, said, m -> MONTHS[Integer.parseInt(m.group(1))]);
        said = replace(TIME, said, m -> m.group("hour") != null ? time(Integer.parseInt(m.group("hour")), m.group("minute"))
                : time(Integer.parseInt(m.group("hours")), m.group("minutes")));
        said = replace(GROUPED, said, m -> number(Long.parseLong(m.group(1).replace(".", ""))) + (m.group(2) == null ? "" : " phẩy " + decimals(m.group(2))));
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
        String said = String.join(" ", number.chars().filter(Character::isDigit).mapToObj(c -> DIGITS[c - '0']).toList());
        return number.startsWith("+") ? "cộng " + said : said;
    }

    private static String decimals(String digits) {
        return digits.startsWith("0") ? digits(digits) : number(Long.parseLong(digits));
    }

    private static String time(int hour, String minute) {
        int minutes = minute == null ? 0 : Integer.parseInt(minute);
        return number(hour) + " giờ" + (minutes == 0 ? "" : minutes < 10 ? " " + number(minutes) + " phút" : " " + number(minutes));
    }

    /** "ngày mười lăm tháng ba năm …"; what is no date (31/2, 24/7 alone) stays as written, to be read as numbers. */
    private static String date(Matcher m) {
        String before = m.group("before");
        String year = m.group("year");
        if (!realDate(m) || year == null && before == null || year == null && m.group("sep").equals("-")) {
            return m.group();
        }
        int day = Integer.parseInt(m.group("day"));
        String said = (day <= 10 ? "mồng " : "") + number(day) + " tháng " + MONTHS[Integer.parseInt(m.group("month"))]
                + (year == null ? "" : " năm " + number(Integer.parseInt(year)));
        return before != null && before.strip().equalsIgnoreCase("ngày") ? before + said : (before == null ? "" : before) + "ngày " + said;
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
