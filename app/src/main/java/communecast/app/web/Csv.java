package communecast.app.web;

import java.nio.charset.StandardCharsets;

/**
 * CSV for Excel, the one rule for every CSV we write: UTF-8 with a byte order mark (or Vietnamese shows as
 * mojibake), CRLF rows, quoted where needed, and a cell that Excel would run as a formula (a leading = + - @,
 * other than a plain negative number) kept as text with a leading '.
 */
public final class Csv {
    private final StringBuilder csv = new StringBuilder("\uFEFF");

    public Csv row(Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells[i] == null ? "" : String.valueOf(cells[i])));
        }
        csv.append("\r\n");
        return this;
    }

    public byte[] bytes() {
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String cell(String value) {
        boolean needs = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+") ? "'" + value : value;
        return needs ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
