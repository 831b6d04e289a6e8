package communecast.app.report;

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
 * The report as a PDF to attach to an official letter: A4 landscape, the unit, the title, the facts, one table
 * per grouping (its header repeated on each page) ending in the totals. The font is embedded (Liberation Sans,
 * from the OpenPDF fonts jar): the standard PDF fonts have no Vietnamese letters (ư, ơ, ạ…).
 */
final class ReportPdf {
    private static final String FONT = "liberation/LiberationSans-Regular.ttf";
    private static final String BOLD_FONT = "liberation/LiberationSans-Bold.ttf";

    private ReportPdf() {
    }

    static byte[] write(ReportSheet report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        PdfWriter.getInstance(document, out);
        document.open();
        BaseFont regular = font(FONT);
        BaseFont strong = font(BOLD_FONT);
        Font normal = new Font(regular, 9);
        Font bold = new Font(strong, 9);
        Font subtitle = new Font(strong, 11);
        document.add(new Paragraph(report.unit(), subtitle));
        Paragraph heading = new Paragraph(report.heading(), new Font(strong, 14));
        heading.setAlignment(Element.ALIGN_CENTER);
        heading.setSpacingAfter(8);
        document.add(heading);
        for (String[] fact : report.facts()) {
            document.add(new Paragraph(fact[0] + ": " + fact[1], new Font(regular, 10)));
        }
        for (ReportSheet.Section section : report.sections()) {
            document.add(table(section, normal, bold, subtitle));
        }
        if (!report.notes().isEmpty()) {
            Paragraph why = new Paragraph(report.notesTitle(), subtitle);
            why.setSpacingBefore(12);
            document.add(why);
            report.notes().forEach(note -> document.add(new Paragraph("– " + note, normal)));
        }
        document.close();
        return out.toByteArray();
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
