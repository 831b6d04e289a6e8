package communecast.app.report;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
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
 * The report as a PDF to attach to an official letter. The font is embedded (Liberation Sans, from the
 * OpenPDF fonts jar): the standard PDF fonts have no Vietnamese letters (ư, ơ, ạ…).
 */
final class CampaignReportPdf {
    private static final String FONT = "liberation/LiberationSans-Regular.ttf";
    private static final String BOLD_FONT = "liberation/LiberationSans-Bold.ttf";

    private CampaignReportPdf() {
    }

    static byte[] write(ReportSheet report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        PdfWriter.getInstance(document, out);
        document.open();
        Font normal = new Font(font(FONT), 10);
        Font bold = new Font(font(BOLD_FONT), 10);
        Font title = new Font(font(BOLD_FONT), 14);
        document.add(new Paragraph(report.unit(), bold));
        Paragraph heading = new Paragraph(report.heading(), title);
        heading.setAlignment(Element.ALIGN_CENTER);
        heading.setSpacingAfter(8);
        document.add(heading);
        for (String[] fact : report.facts()) {
            document.add(new Paragraph(fact[0] + ": " + fact[1], normal));
        }
        PdfPTable table = new PdfPTable(report.columns().size());
        table.setWidthPercentage(100);
        table.setSpacingBefore(10);
        report.columns().forEach(c -> table.addCell(cell(c, bold)));
        report.rows().forEach(row -> row.forEach(v -> table.addCell(cell(v, normal))));
        report.totals().forEach(v -> table.addCell(cell(v, bold)));
        document.add(table);
        if (!report.notes().isEmpty()) {
            Paragraph why = new Paragraph("Lý do không phát được", bold);
            why.setSpacingBefore(10);
            document.add(why);
            report.notes().forEach(note -> document.add(new Paragraph("– " + note, normal)));
        }
        document.close();
        return out.toByteArray();
    }

    private static PdfPCell cell(Object value, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(String.valueOf(value), font));
        cell.setHorizontalAlignment(value instanceof Number ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
        cell.setPadding(4);
        return cell;
    }

    private static BaseFont font(String resource) {
        try (InputStream in = CampaignReportPdf.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing from the class path (openpdf-fonts-extra)");
            }
            return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the report font " + resource, e);
        }
    }
}
