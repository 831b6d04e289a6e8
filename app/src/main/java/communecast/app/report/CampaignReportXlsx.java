package communecast.app.report;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The report as an Excel workbook: numbers as numbers (staff sum and chart them), a bold header and totals. */
final class CampaignReportXlsx {
    private CampaignReportXlsx() {
    }

    static byte[] write(ReportSheet report) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Báo cáo");
            CellStyle bold = style(workbook, true, false);
            CellStyle header = style(workbook, true, true);
            CellStyle cell = style(workbook, false, true);
            int r = 0;
            write(sheet.createRow(r++), List.of(report.unit()), bold);
            write(sheet.createRow(r++), List.of(report.heading()), bold);
            for (String[] fact : report.facts()) {
                write(sheet.createRow(r++), List.of((Object[]) fact), null);
            }
            r++;
            write(sheet.createRow(r++), List.copyOf(report.columns()), header);
            for (List<Object> line : report.rows()) {
                write(sheet.createRow(r++), line, cell);
            }
            write(sheet.createRow(r++), report.totals(), header);
            if (!report.notes().isEmpty()) {
                r++;
                write(sheet.createRow(r++), List.of("Lý do không phát được"), bold);
                for (String note : report.notes()) {
                    write(sheet.createRow(r++), List.of(note), null);
                }
            }
            for (int c = 0; c < report.columns().size(); c++) {
                sheet.autoSizeColumn(c);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the XLSX report", e);
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

    private static CellStyle style(XSSFWorkbook workbook, boolean bold, boolean bordered) {
        CellStyle style = workbook.createCellStyle();
        Font font = workbook.createFont();
        font.setBold(bold);
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
