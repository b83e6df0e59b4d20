package io.inflow.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV cells as exports write them: RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
class CsvCellTest {
    @Test
    void cellsAreQuotedOnlyWhenTheyMustBeAndFormulasAreDefused() {
        assertThat(EventExport.csvCell(null)).isEmpty();
        assertThat(EventExport.csvCell("")).isEmpty();
        assertThat(EventExport.csvCell("plain text")).isEqualTo("plain text");
        assertThat(EventExport.csvCell("https://crm.example.com/a,b")).isEqualTo("\"https://crm.example.com/a,b\"");
        assertThat(EventExport.csvCell("{\"helpful\":true}")).isEqualTo("\"{\"\"helpful\"\":true}\"");
        assertThat(EventExport.csvCell("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(EventExport.csvCell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(EventExport.csvCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(EventExport.csvCell("-2")).isEqualTo("'-2");
        assertThat(EventExport.csvCell("a\"")).isEqualTo("\"a\"\"\"");
    }
}
