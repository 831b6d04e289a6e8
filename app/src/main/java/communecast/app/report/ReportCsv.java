package communecast.app.report;

import java.nio.charset.StandardCharsets;

/** CSV for Excel: UTF-8 with a byte order mark, or Vietnamese shows as mojibake. One block per table. */
final class ReportCsv {
    private ReportCsv() {
    }

    static byte[] write(ReportSheet sheet) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        ReportSheet.Header header = sheet.header();
        row(csv, header.units().getFirst(), header.nation());
        row(csv, header.units().getLast(), header.motto());
        row(csv, header.number(), header.placeAndDate());
        row(csv);
        row(csv, sheet.title());
        row(csv, sheet.subject());
        sheet.facts().forEach(fact -> row(csv, (Object[]) fact));
        for (ReportSheet.Section section : sheet.sections()) {
            row(csv);
            row(csv, section.title());
            row(csv, section.columns().toArray());
            section.rows().forEach(r -> row(csv, r.toArray()));
            row(csv, section.totals().toArray());
        }
        if (!sheet.notes().isEmpty()) {
            row(csv);
            row(csv, sheet.notesTitle());
            sheet.notes().forEach(note -> row(csv, note));
        }
        ReportSheet.Signature signature = sheet.signature();
        row(csv);
        row(csv, signature.recipientsTitle(), String.join(" ", signature.titleLines()));
        row(csv, String.join(" ", signature.recipients()), signature.hint());
        row(csv, "", signature.name());
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quote(String.valueOf(cells[i])));
        }
        csv.append("\r\n");
    }

    private static String quote(String cell) {
        boolean needs = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
        // A leading = + - @ would run as a formula in Excel.
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?\\d+") ? "'" + cell : cell;
        return needs ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
