package org.farmstand.admin.api;

import java.util.List;

/**
 * CSV for systems that import files (RFC 4180): comma-separated, CRLF line ends, a header row, UTF-8 without BOM;
 * a field is quoted when it holds a comma, a quote, CR, LF or edge spaces, quotes doubled. Values are written as they
 * are (no spreadsheet formula escaping, which would change the data; the admin's own lists for spreadsheets do that).
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
        if (value == null) {
            return "";
        }
        String v = value.toString();
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || (!v.isEmpty() && (Character.isWhitespace(v.charAt(0)) || Character.isWhitespace(v.charAt(v.length() - 1))));
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
