package communecast.app.web;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A plain table as an Excel workbook, the twin of {@link Csv} for a list staff sort and filter: a bold header row
 * that stays on screen and carries Excel's filters, numbers as numbers, each column as wide as its longest text.
 * Streamed (SXSSF), so ten thousand rows hold only a window of rows in memory.
 */
public final class Xlsx {
    private static final int MAX_CHARS = 60;
    private static final int ROWS_IN_MEMORY = 200;

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
    private final Sheet sheet;
    private final CellStyle bold;
    private int[] chars;
    private int rows;

    /** {@code header}: the column titles, the first row. */
    public Xlsx(String sheetName, String... header) {
        sheet = workbook.createSheet(sheetName);
        bold = workbook.createCellStyle();
        Font font = workbook.createFont();
        font.setBold(true);
        bold.setFont(font);
        chars = new int[header.length];
        write(header, bold);
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, 0, 0, Math.max(0, header.length - 1)));
    }

    public Xlsx row(Object... cells) {
        write(cells, null);
        return this;
    }

    public byte[] bytes() {
        for (int c = 0; c < chars.length; c++) {
            sheet.setColumnWidth(c, Math.min(chars[c] + 3, MAX_CHARS) * 256);
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException ignored) {
                // the bytes are written; a temporary file that will not close changes nothing for the user
            }
        }
    }

    private void write(Object[] cells, CellStyle style) {
        Row row = sheet.createRow(rows++);
        if (cells.length > chars.length) {
            chars = Arrays.copyOf(chars, cells.length);
        }
        for (int c = 0; c < cells.length; c++) {
            Cell cell = row.createCell(c);
            Object value = cells[c];
            if (value instanceof Number number) {
                cell.setCellValue(number.doubleValue());
            } else if (value != null) {
                cell.setCellValue(value.toString());
            }
            if (style != null) {
                cell.setCellStyle(style);
            }
            chars[c] = Math.max(chars[c], value == null ? 0 : value.toString().length());
        }
    }
}
