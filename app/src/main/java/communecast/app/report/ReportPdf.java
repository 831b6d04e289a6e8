package communecast.app.report;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The report as a PDF to sign and file: A4 landscape (the tables are wide), laid out as Nghị định 30/2020/NĐ-CP
 * lays out an administrative document (the header's two columns, the title, the body, the signature block), one
 * table per grouping (its header repeated on each page) ending in the totals. Liberation Serif, embedded: it has
 * Times New Roman's metrics, the font the decree names, and the Vietnamese letters (ư, ơ, ạ…) the standard PDF
 * fonts lack.
 */
final class ReportPdf {
    private static final String FONT = "liberation/LiberationSerif-Regular.ttf";
    private static final String BOLD_FONT = "liberation/LiberationSerif-Bold.ttf";
    private static final String ITALIC_FONT = "liberation/LiberationSerif-Italic.ttf";
    private static final String BOLD_ITALIC_FONT = "liberation/LiberationSerif-BoldItalic.ttf";

    private ReportPdf() {
    }

    private record Fonts(Font normal, Font bold, Font subtitle, Font body, Font header, Font headerBold, Font motto,
                         Font italic, Font boldItalic, Font title) {
        static Fonts load() {
            BaseFont regular = font(FONT);
            BaseFont strong = font(BOLD_FONT);
            BaseFont slanted = font(ITALIC_FONT);
            return new Fonts(new Font(regular, 10), new Font(strong, 10), new Font(strong, 12), new Font(regular, 13),
                    new Font(regular, 12), new Font(strong, 12), new Font(strong, 13), new Font(slanted, 13),
                    new Font(font(BOLD_ITALIC_FONT), 12), new Font(strong, 14));
        }
    }

    static byte[] write(ReportSheet report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Margins of the decree: 20–25 mm above and below, 30–35 mm left, 15–20 mm right.
        Document document = new Document(PageSize.A4.rotate(), 85, 57, 57, 57);
        PdfWriter.getInstance(document, out);
        document.open();
        Fonts fonts = Fonts.load();
        document.add(header(report.header(), fonts));
        document.add(centered(report.title(), fonts.title(), 18));
        document.add(centered(report.subject(), fonts.motto(), 0));
        Paragraph facts = new Paragraph();
        facts.setSpacingBefore(12);
        for (String[] fact : report.facts()) {
            facts.add(new Paragraph(fact[0] + ": " + fact[1], fonts.body()));
        }
        document.add(facts);
        for (ReportSheet.Section section : report.sections()) {
            document.add(table(section, fonts.normal(), fonts.bold(), fonts.subtitle()));
        }
        if (!report.notes().isEmpty()) {
            Paragraph why = new Paragraph(report.notesTitle(), fonts.subtitle());
            why.setSpacingBefore(12);
            document.add(why);
            report.notes().forEach(note -> document.add(new Paragraph("– " + note, fonts.body())));
        }
        document.add(signature(report.signature(), fonts));
        document.close();
        return out.toByteArray();
    }

    /** Left the units and the number, right the national name, the motto underlined, and the place and date. */
    private static PdfPTable header(ReportSheet.Header header, Fonts fonts) {
        PdfPTable table = new PdfPTable(new float[] {2f, 3f});
        table.setWidthPercentage(100);
        PdfPCell units = plain();
        if (!header.superiorUnit().isEmpty()) {
            units.addElement(centered(header.superiorUnit(), fonts.header(), 0));
        }
        units.addElement(centered(header.unitName(), fonts.headerBold(), 0));
        table.addCell(units);
        PdfPCell nation = plain();
        nation.addElement(centered(header.nation(), fonts.headerBold(), 0));
        Chunk motto = new Chunk(header.motto(), fonts.motto());
        motto.setUnderline(0.6f, -3f);
        Paragraph mottoLine = new Paragraph(motto);
        mottoLine.setAlignment(Element.ALIGN_CENTER);
        nation.addElement(mottoLine);
        table.addCell(nation);
        PdfPCell number = plain();
        number.addElement(centered(header.number(), fonts.body(), 6));
        table.addCell(number);
        PdfPCell date = plain();
        date.addElement(centered(header.placeAndDate(), fonts.italic(), 6));
        table.addCell(date);
        return table;
    }

    /** Left "Nơi nhận", right the position, the hint, room to sign, and the name: kept on one page. */
    private static PdfPTable signature(ReportSheet.Signature signature, Fonts fonts) {
        PdfPTable table = new PdfPTable(new float[] {1f, 1f});
        table.setWidthPercentage(100);
        table.setSpacingBefore(18);
        table.setKeepTogether(true);
        PdfPCell recipients = plain();
        recipients.addElement(new Paragraph(signature.recipientsTitle(), fonts.boldItalic()));
        signature.recipients().forEach(r -> recipients.addElement(new Paragraph(r, fonts.normal())));
        table.addCell(recipients);
        PdfPCell signer = plain();
        signature.titleLines().forEach(line -> signer.addElement(centered(line, fonts.headerBold(), 0)));
        signer.addElement(centered(signature.hint(), fonts.italic(), 0));
        // Room to sign: the space stays when no name is set, for one written by hand.
        signer.addElement(centered(signature.name().isEmpty() ? " " : signature.name(), fonts.headerBold(), 60));
        table.addCell(signer);
        return table;
    }

    private static PdfPCell plain() {
        PdfPCell cell = new PdfPCell();
        cell.setBorder(Rectangle.NO_BORDER);
        return cell;
    }

    private static Paragraph centered(String text, Font font, float spacingBefore) {
        Paragraph paragraph = new Paragraph(text, font);
        paragraph.setAlignment(Element.ALIGN_CENTER);
        paragraph.setSpacingBefore(spacingBefore);
        return paragraph;
    }

    /** The section's title and column names head the table, so they repeat on every page it runs over. */
    private static PdfPTable table(ReportSheet.Section section, Font normal, Font bold, Font subtitle) {
        PdfPTable table = new PdfPTable(widths(section));
        table.setWidthPercentage(100);
        table.setSpacingBefore(12);
        table.setHeaderRows(2);
        PdfPCell title = new PdfPCell(new Phrase(section.title(), subtitle));
        title.setColspan(section.columns().size());
        title.setBorder(Rectangle.NO_BORDER);
        title.setPaddingBottom(4);
        table.addCell(title);
        section.columns().forEach(c -> table.addCell(cell(c, bold)));
        section.rows().forEach(row -> row.forEach(v -> table.addCell(cell(v, normal))));
        // "Tổng cộng" spans the label columns, as in a paper table.
        PdfPCell total = cell(section.totals().getFirst(), bold);
        total.setColspan(section.labelColumns());
        table.addCell(total);
        section.totals().subList(section.labelColumns(), section.totals().size()).forEach(v -> table.addCell(cell(v, bold)));
        return table;
    }

    /** Names get room; ids and figures are narrow. */
    private static float[] widths(ReportSheet.Section section) {
        List<Object> first = section.rows().isEmpty() ? section.totals() : section.rows().getFirst();
        float[] widths = new float[section.columns().size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = c < section.labelColumns() && !(first.get(c) instanceof Number) ? 3f : 1f;
        }
        return widths;
    }

    private static PdfPCell cell(Object value, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(String.valueOf(value), font));
        cell.setHorizontalAlignment(value instanceof Number ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
        cell.setPadding(3);
        return cell;
    }

    private static BaseFont font(String resource) {
        try (InputStream in = ReportPdf.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing from the class path (openpdf-fonts-extra)");
            }
            return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the report font " + resource, e);
        }
    }
}
