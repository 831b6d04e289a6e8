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
 * The report as an Excel workbook: one sheet, the tables one under the other as on paper, numbers as numbers
 * (staff sum and chart them), bold headers and totals, printed landscape on A4 pages.
 */
final class ReportXlsx {
    private ReportXlsx() {
    }

    static byte[] write(ReportSheet report) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Báo cáo");
            Styles styles = new Styles(workbook);
            int width = report.sections().stream().mapToInt(s -> s.columns().size()).max().orElse(1);
            int r = 0;
            // Text above and below the tables spans the table's width, so the columns fit the tables alone.
            line(sheet, r++, 0, report.unit(), styles.bold, width);
            line(sheet, r++, 0, report.heading(), styles.title, width);
            for (String[] fact : report.facts()) {
                Row row = sheet.createRow(r);
                write(row, List.of(fact[0]), styles.bold);
                line(sheet, r++, 1, fact[1], null, width);
            }
            for (ReportSheet.Section section : report.sections()) {
                r++;
                line(sheet, r++, 0, section.title(), styles.bold, width);
                write(sheet.createRow(r++), List.copyOf(section.columns()), styles.header);
                for (List<Object> values : section.rows()) {
                    write(sheet.createRow(r++), values, styles.cell);
                }
                write(sheet.createRow(r++), section.totals(), styles.header);
            }
            if (!report.notes().isEmpty()) {
                r++;
                line(sheet, r++, 0, report.notesTitle(), styles.bold, width);
                for (String note : report.notes()) {
                    line(sheet, r++, 0, note, null, width);
                }
            }
            for (int c = 0; c < width; c++) {
                sheet.autoSizeColumn(c);
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

    private static void write(Row row, List<?> values, CellStyle style) {
        for (int c = 0; c < values.size(); c++) {
            Cell cell = row.createCell(c);
            Object value = values.get(c);
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
        final CellStyle header;
        final CellStyle cell;

        Styles(XSSFWorkbook workbook) {
            title = style(workbook, true, false, (short) 14);
            title.setAlignment(HorizontalAlignment.CENTER);
            bold = style(workbook, true, false, (short) 11);
            header = style(workbook, true, true, (short) 11);
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
