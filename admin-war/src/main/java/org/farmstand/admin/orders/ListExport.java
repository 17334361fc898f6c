package org.farmstand.admin.orders;

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

import org.farmstand.admin.web.CsvField;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders a table (header row + rows) as CSV for spreadsheets (UTF-8 with BOM, ';' separated, fields as
 * {@link CsvField} writes them: quoted when needed, formula-looking text defused) or as a PDF (OpenPDF). All cells
 * are text here; the ones the code writes (stop numbers, quantities, order numbers) are plain numbers or start with a
 * digit, so only what people typed (names, addresses, phone numbers, product names) is ever defused.
 */
final class ListExport {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * The lists' typeface: Liberation Sans (shipped inside OpenPDF), embedded with the letters a list uses (Identity-H).
     * The PDF's standard Helvetica knows only Western European letters (cp1252) and silently dropped the others:
     * "Yılmaz Şahin" was printed as "Ylmaz ahin", "Łódź" as "ód" on the driver's list.
     */
    private static final String FONT = "font-fallback/LiberationSans-Regular.ttf";

    private ListExport() {
    }

    static byte[] csv(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        rows.forEach(row -> line(sb, row));
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] result = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, result, 0, BOM.length);
        System.arraycopy(text, 0, result, BOM.length, text.length);
        return result;
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(';');
            }
            sb.append(field(cells.get(i)));
        }
        sb.append("\r\n");
    }

    /** One CSV field (see {@link CsvField}): quoted where needed, formula-looking text defused. */
    static String field(String value) {
        return CsvField.of(value, ';');
    }

    static byte[] pdf(String title, List<String> header, float[] widths, List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 30, 30, 30, 30);
        PdfWriter.getInstance(document, out);
        document.addTitle(title);
        document.open();
        BaseFont unicode = unicodeFont();
        // the font has no bold face: OpenPDF draws bold by stroking the letters' outlines
        Font titleFont = new Font(unicode, 14, Font.BOLD);
        Font headFont = new Font(unicode, 10, Font.BOLD);
        Font cellFont = new Font(unicode, 10, Font.NORMAL);
        Paragraph heading = new Paragraph(title, titleFont);
        heading.setSpacingAfter(10);
        document.add(heading);
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String h : header) {
            PdfPCell cell = new PdfPCell(new Phrase(h, headFont));
            cell.setGrayFill(0.9f);
            table.addCell(cell);
        }
        for (List<String> row : rows) {
            for (String value : row) {
                PdfPCell cell = new PdfPCell(new Phrase(value == null ? "" : value, cellFont));
                cell.setVerticalAlignment(Element.ALIGN_TOP);
                table.addCell(cell);
            }
        }
        document.add(table);
        document.close();
        return out.toByteArray();
    }

    /** OpenPDF reads the font file once (its font cache); which letters a document embeds it notes per document. */
    private static BaseFont unicodeFont() {
        try {
            return BaseFont.createFont(FONT, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenPDF's " + FONT + " is missing", e);
        }
    }
}
