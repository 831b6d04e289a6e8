package communecast.app.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every CSV we write opens in Excel as text: Vietnamese intact, no cell run as a formula. */
class CsvTest {

    @Test
    void cellsAreTextForExcel() {
        String csv = new String(new Csv().row("Bản tin \"sáng\"", "=HYPERLINK(\"http://x\")", "+1", "-5", "@SUM(A1)", "a,b", null).row().bytes(),
                StandardCharsets.UTF_8);
        assertEquals("\uFEFF\"Bản tin \"\"sáng\"\"\",\"'=HYPERLINK(\"\"http://x\"\")\",'+1,-5,'@SUM(A1),\"a,b\",\r\n\r\n", csv);
    }
}
