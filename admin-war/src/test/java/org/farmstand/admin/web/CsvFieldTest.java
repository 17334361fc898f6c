package org.farmstand.admin.web;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class CsvFieldTest {

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
        assertThat(CsvField.of("=HYPERLINK(\"http://x.example\",\"Klick\")", ','))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Klick\"\")\"");
        assertThat(CsvField.of("+1-2", ',')).isEqualTo("'+1-2");
        assertThat(CsvField.of("-1+1+cmd|' /C calc'!A0", ',')).isEqualTo("'-1+1+cmd|' /C calc'!A0");
        assertThat(CsvField.of("@SUM(A1:A9)", ';')).isEqualTo("'@SUM(A1:A9)");
        assertThat(CsvField.of("+49 761 123456", ',')).isEqualTo("'+49 761 123456");
        // TAB and CR first: defused, and quoted where the separator's rules need it (CR)
        assertThat(CsvField.of("\t=1+1", ',')).isEqualTo("'\t=1+1");
        assertThat(CsvField.of("\r=1+1", ',')).isEqualTo("\"'\r=1+1\"");
        // only the first character counts
        assertThat(CsvField.of("Anna =1+1", ',')).isEqualTo("Anna =1+1");
        assertThat(CsvField.of("anna@example.org", ',')).isEqualTo("anna@example.org");
    }

    @Test
    void numbersStayNumbers() {
        // what the code writes as numbers, negative ones included
        assertThat(CsvField.of(-250L, ',')).isEqualTo("-250");
        assertThat(CsvField.of(-3, ';')).isEqualTo("-3");
        assertThat(CsvField.of(new BigDecimal("-2.50"), ',')).isEqualTo("-2.50");
        assertThat(CsvField.of(Boolean.TRUE, ',')).isEqualTo("true");
        // text that is a plain number runs nothing in a spreadsheet
        assertThat(CsvField.of("-5", ',')).isEqualTo("-5");
        assertThat(CsvField.of("-2,50", ';')).isEqualTo("-2,50");
        assertThat(CsvField.of("-2,50", ',')).isEqualTo("\"-2,50\"");
        assertThat(CsvField.of("+49", ',')).isEqualTo("+49");
    }

    @Test
    void quotingFollowsTheSeparator() {
        assertThat(CsvField.of("Möhren, bunt", ',')).isEqualTo("\"Möhren, bunt\"");
        assertThat(CsvField.of("Möhren, bunt", ';')).isEqualTo("Möhren, bunt");
        assertThat(CsvField.of("a;b", ';')).isEqualTo("\"a;b\"");
        assertThat(CsvField.of("Zoë \"Kiki\"", ',')).isEqualTo("\"Zoë \"\"Kiki\"\"\"");
        assertThat(CsvField.of(" edge", ',')).isEqualTo("\" edge\"");
        assertThat(CsvField.of("two\nlines", ',')).isEqualTo("\"two\nlines\"");
        assertThat(CsvField.of(null, ',')).isEmpty();
        assertThat(CsvField.of("", ',')).isEmpty();
    }
}
