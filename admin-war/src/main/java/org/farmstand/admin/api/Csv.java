package org.farmstand.admin.api;

import org.farmstand.admin.web.CsvField;

import java.util.List;

/**
 * CSV for systems that import files (RFC 4180): comma-separated, CRLF line ends, a header row, UTF-8 without BOM;
 * fields as {@link CsvField} writes them: quoted when they hold a comma, a quote, CR, LF or edge spaces, quotes
 * doubled, and a text field that a spreadsheet would run as a formula (starting with = + - @ TAB CR) with a leading
 * apostrophe. Farmers open these files in spreadsheets too; numbers (Long, Integer: ids, cents, quantities) are
 * written unchanged, negative ones included.
 */
final class Csv {

    static final String MEDIA_TYPE = "text/csv; charset=UTF-8; header=present";

    private final StringBuilder sb = new StringBuilder();

    Csv(List<String> header) {
        row(header);
    }

    Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(cells.get(i)));
        }
        sb.append("\r\n");
        return this;
    }

    static String field(Object value) {
        return CsvField.of(value, ',');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
