package org.farmstand.admin.orders;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListExportTest {

    @Test
    void csvHasABomSemicolonsAndQuotesOnlyWhereNeeded() {
        byte[] csv = ListExport.csv(List.of("Produkt", "Menge"),
                List.of(List.of("Möhren", "3"), List.of("Käse \"alt\"; gerieben", "1"), List.of("zwei\nZeilen", " 2")));
        assertThat(csv[0]).isEqualTo((byte) 0xEF);
        assertThat(csv[1]).isEqualTo((byte) 0xBB);
        assertThat(csv[2]).isEqualTo((byte) 0xBF);
        assertThat(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8)).isEqualTo(
                "Produkt;Menge\r\nMöhren;3\r\n\"Käse \"\"alt\"\"; gerieben\";1\r\n\"zwei\nZeilen\";\" 2\"\r\n");
    }

    @Test
    void formulaLookingCellsAreDefused() {
        assertThat(ListExport.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(ListExport.field("@sum")).isEqualTo("'@sum");
        assertThat(ListExport.field("-5")).isEqualTo("-5");
        assertThat(ListExport.field("-2,50")).isEqualTo("-2,50");
        assertThat(ListExport.field("+49")).isEqualTo("+49");
        // a leading digit after the sign does not make a formula harmless
        assertThat(ListExport.field("-1+1+cmd|' /C calc'!A0")).isEqualTo("'-1+1+cmd|' /C calc'!A0");
        assertThat(ListExport.field("-2+3 Hauptstr 1")).isEqualTo("'-2+3 Hauptstr 1");
        assertThat(ListExport.field("+1-2")).isEqualTo("'+1-2");
        assertThat(ListExport.field("")).isEmpty();
        assertThat(ListExport.field(null)).isEmpty();
    }

    @Test
    void pdfIsAPdf() {
        byte[] pdf = ListExport.pdf("Packliste – Dienstag", List.of("Produkt", "Menge"), new float[]{3, 1},
                List.of(List.of("Äpfel × 3", "3")));
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void pdfKeepsEveryLetterOfNamesAndAddresses() throws Exception {
        byte[] pdf = ListExport.pdf("Lieferliste – Dienstag", List.of("Name", "Adresse"), new float[]{3, 4},
                List.of(List.of("Yılmaz Şahin", "ul. Żółta 3, 90-001 Łódź"), List.of("Jiří Dvořák", "Čapkova 7 – 5 €")));
        String text = new com.lowagie.text.pdf.parser.PdfTextExtractor(new com.lowagie.text.pdf.PdfReader(pdf))
                .getTextFromPage(1);
        // the standard Helvetica dropped what cp1252 lacks: "Ylmaz ahin", "ód"
        assertThat(text).contains("Yılmaz Şahin", "ul. Żółta 3, 90-001 Łódź", "Jiří Dvořák", "Čapkova 7 – 5 €",
                "Lieferliste – Dienstag");
    }
}
