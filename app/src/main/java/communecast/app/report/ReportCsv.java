package communecast.app.report;

import communecast.app.web.Csv;

/** A report as CSV ({@link Csv}'s rule): one block per table. */
final class ReportCsv {
    private ReportCsv() {
    }

    static byte[] write(ReportSheet sheet) {
        Csv csv = new Csv();
        ReportSheet.Header header = sheet.header();
        csv.row(header.units().getFirst(), header.nation());
        csv.row(header.units().getLast(), header.motto());
        csv.row(header.number(), header.placeAndDate());
        csv.row();
        csv.row(sheet.title());
        csv.row(sheet.subject());
        sheet.facts().forEach(fact -> csv.row((Object[]) fact));
        for (ReportSheet.Section section : sheet.sections()) {
            csv.row();
            csv.row(section.title());
            csv.row(section.columns().toArray());
            section.rows().forEach(r -> csv.row(r.toArray()));
            csv.row(section.totals().toArray());
        }
        if (!sheet.notes().isEmpty()) {
            csv.row();
            csv.row(sheet.notesTitle());
            sheet.notes().forEach(csv::row);
        }
        ReportSheet.Signature signature = sheet.signature();
        csv.row();
        csv.row(signature.recipientsTitle(), String.join(" ", signature.titleLines()));
        csv.row(String.join(" ", signature.recipients()), signature.hint());
        csv.row("", signature.name());
        return csv.bytes();
    }
}
