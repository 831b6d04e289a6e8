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
            // Text above and below the tables spans the table's width, so the columns fit the tables alone.
            line(sheet, r++, 0, report.unit(), styles.bold, width);
            line(sheet, r++, 0, report.heading(), styles.title, width);
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
        final CellStyle header;
        final CellStyle cell;

        Styles(XSSFWorkbook workbook) {
            title = style(workbook, true, false, (short) 14);
            title.setAlignment(HorizontalAlignment.CENTER);
            bold = style(workbook, true, false, (short) 11);
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
