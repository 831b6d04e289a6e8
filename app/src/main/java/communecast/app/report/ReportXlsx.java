package communecast.app.report;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The report as an Excel workbook: one sheet laid out as the PDF (the document's header, the tables one under the
 * other, the signature block), numbers as numbers (staff sum and chart them), bold headers and totals, printed
 * landscape on A4 pages.
 */
final class ReportXlsx {
    private static final int MAX_CHARS = 60;
    private ReportXlsx() {
    }

    static byte[] write(ReportSheet report) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Báo cáo");
            Styles styles = new Styles(workbook);
            int width = report.sections().stream().mapToInt(s -> s.columns().size()).max().orElse(1);
            int[] chars = new int[width];
            int r = 0;
            // Text above and below the tables spans the table's width, so the columns fit the tables alone; the
            // header and the signature split it in two, as on paper.
            int half = Math.max(1, width * 2 / 5);
            ReportSheet.Header header = report.header();
            List<String> units = header.units();
            pair(sheet, r++, units.getFirst(), units.getLast().isEmpty() ? styles.centredBold : styles.centred, header.nation(), styles.centredBold, half, width);
            pair(sheet, r++, units.getLast(), styles.centredBold, header.motto(), styles.centredBold, half, width);
            pair(sheet, r++, header.number(), styles.centred, header.placeAndDate(), styles.centredItalic, half, width);
            r++;
            line(sheet, r++, 0, report.title(), styles.title, width);
            line(sheet, r++, 0, report.subject(), styles.centredBold, width);
            for (String[] fact : report.facts()) {
                Row row = sheet.createRow(r);
                write(row, List.of(fact[0]), styles.bold, chars);
                line(sheet, r++, 1, fact[1], null, width);
            }
            for (ReportSheet.Section section : report.sections()) {
                r++;
                line(sheet, r++, 0, section.title(), styles.bold, width);
                header(sheet.createRow(r++), section.columns(), styles.header, chars);
                for (List<Object> values : section.rows()) {
                    write(sheet.createRow(r++), values, styles.cell, chars);
                }
                write(sheet.createRow(r++), section.totals(), styles.header, chars);
            }
            if (!report.notes().isEmpty()) {
                r++;
                line(sheet, r++, 0, report.notesTitle(), styles.bold, width);
                for (String note : report.notes()) {
                    line(sheet, r++, 0, note, null, width);
                }
            }
            ReportSheet.Signature signature = report.signature();
            r++;
            pair(sheet, r++, signature.recipientsTitle(), styles.bold, signature.titleLines().getFirst(), styles.centredBold, half, width);
            for (int i = 1; i < signature.titleLines().size(); i++) {
                pair(sheet, r++, "", null, signature.titleLines().get(i), styles.centredBold, half, width);
            }
            pair(sheet, r++, String.join(" ", signature.recipients()), null, signature.hint(), styles.centredItalic, half, width);
            r += 3;
            pair(sheet, r, "", null, signature.name(), styles.centredBold, half, width);
            // By the longest text in each column: POI's autoSizeColumn measures every cell with AWT, seconds for a province.
            for (int c = 0; c < width; c++) {
                sheet.setColumnWidth(c, Math.min(chars[c] + 3, MAX_CHARS) * 256);
            }
            sheet.getPrintSetup().setLandscape(true);
            sheet.setFitToPage(true);
            sheet.getPrintSetup().setFitWidth((short) 1);
            sheet.getPrintSetup().setFitHeight((short) 0);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the XLSX report", e);
        }
    }

    /** Text in one cell merged from {@code column} to the right edge of the tables. */
    private static void line(Sheet sheet, int r, int column, String text, CellStyle style, int width) {
        Row row = sheet.getRow(r) != null ? sheet.getRow(r) : sheet.createRow(r);
        Cell cell = row.createCell(column);
        cell.setCellValue(text);
        if (style != null) {
            cell.setCellStyle(style);
        }
        if (width - 1 > column) {
            sheet.addMergedRegion(new CellRangeAddress(r, r, column, width - 1));
        }
    }

    /** Two texts side by side: one merged over [0, half), the other over [half, width). */
    private static void pair(Sheet sheet, int r, String left, CellStyle leftStyle, String right, CellStyle rightStyle, int half, int width) {
        Row row = sheet.createRow(r);
        cell(row, 0, left, leftStyle);
        cell(row, half, right, rightStyle);
        if (half > 1) {
            sheet.addMergedRegion(new CellRangeAddress(r, r, 0, half - 1));
        }
        if (width - 1 > half) {
            sheet.addMergedRegion(new CellRangeAddress(r, r, half, width - 1));
        }
    }

    private static void cell(Row row, int column, String text, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(text);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /** Column names wrap, so a long one ("Thời lượng phát (giây)") needs only its longest word's width. */
    private static void header(Row row, List<String> columns, CellStyle style, int[] chars) {
        for (int c = 0; c < columns.size(); c++) {
            Cell cell = row.createCell(c);
            cell.setCellValue(columns.get(c));
            cell.setCellStyle(style);
            for (String word : columns.get(c).split(" ")) {
                chars[c] = Math.max(chars[c], word.length());
            }
        }
    }

    private static void write(Row row, List<?> values, CellStyle style, int[] chars) {
        for (int c = 0; c < values.size(); c++) {
            Cell cell = row.createCell(c);
            Object value = values.get(c);
            chars[c] = Math.max(chars[c], String.valueOf(value).length());
            if (value instanceof Number n) {
                cell.setCellValue(n.doubleValue());
            } else {
                cell.setCellValue(String.valueOf(value));
            }
            if (style != null) {
                cell.setCellStyle(style);
            }
        }
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle bold;
        final CellStyle centred;
        final CellStyle centredBold;
        final CellStyle centredItalic;
        final CellStyle header;
        final CellStyle cell;

        Styles(XSSFWorkbook workbook) {
            title = style(workbook, true, false, (short) 14);
            title.setAlignment(HorizontalAlignment.CENTER);
            bold = style(workbook, true, false, (short) 11);
            centred = style(workbook, false, false, (short) 11);
            centred.setAlignment(HorizontalAlignment.CENTER);
            centredBold = style(workbook, true, false, (short) 11);
            centredBold.setAlignment(HorizontalAlignment.CENTER);
            centredItalic = style(workbook, false, false, (short) 11);
            centredItalic.setAlignment(HorizontalAlignment.CENTER);
            workbook.getFontAt(centredItalic.getFontIndex()).setItalic(true);
            header = style(workbook, true, true, (short) 11);
            header.setWrapText(true);
            cell = style(workbook, false, true, (short) 11);
        }

        private static CellStyle style(XSSFWorkbook workbook, boolean bold, boolean bordered, short points) {
            CellStyle style = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(bold);
            font.setFontHeightInPoints(points);
            style.setFont(font);
            if (bordered) {
                style.setBorderTop(BorderStyle.THIN);
                style.setBorderBottom(BorderStyle.THIN);
                style.setBorderLeft(BorderStyle.THIN);
                style.setBorderRight(BorderStyle.THIN);
            }
            return style;
        }
    }
}
