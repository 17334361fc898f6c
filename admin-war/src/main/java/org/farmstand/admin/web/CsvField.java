package org.farmstand.admin.web;

import java.util.regex.Pattern;

/**
 * One field of a CSV file, for every CSV the admin writes (the API's files for importers, the packing and delivery
 * lists for spreadsheets): quoted when it holds the separator, a quote, CR, LF or edge spaces (quotes doubled), and
 * defused when a spreadsheet would take it for a formula.
 * <p>
 * <b>Formulas.</b> A spreadsheet that opens a CSV file runs a cell starting with {@code = + - @}, TAB or CR as a
 * formula ({@code =HYPERLINK(...)}, {@code +1-2}, {@code -1+1+cmd|...}), so such a <em>text</em> cell gets a leading
 * apostrophe, which spreadsheets show as text and do not display; an importer that reads the file as data drops an
 * apostrophe followed by one of these characters. Not changed:
 * <ul>
 *     <li>values the code writes as numbers or booleans ({@link Number}, {@link Boolean}: ids, cents, quantities,
 *     sequence numbers, flags), negative ones included;</li>
 *     <li>text that is a plain number ({@code -5}, {@code -2,50}, {@code +49}): a spreadsheet reads it as a number,
 *     which runs nothing.</li>
 * </ul>
 * The other values the code writes itself (ISO dates and times, enum names, order numbers, status histories) never
 * start with one of these characters; what people typed (names, addresses, phone numbers, e-mail addresses, product
 * names, a management system's external ids) may, and is defused.
 */
public final class CsvField {

    /** What makes a spreadsheet read a cell as a formula when it comes first. */
    static final String FORMULA_START = "=+-@\t\r";

    /** A plain number, which a spreadsheet shall read as one (-5, 2,50, +3.1). */
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+([.,]\\d+)?");

    private CsvField() {
    }

    /** {@code value} as one field of a CSV file whose fields are separated by {@code separator}; null is empty. */
    public static String of(Object value, char separator) {
        if (value == null) {
            return "";
        }
        String v = value.toString();
        if (!(value instanceof Number) && !(value instanceof Boolean) && formulaLike(v)) {
            v = "'" + v;
        }
        boolean quote = v.indexOf(separator) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0 || !v.equals(v.strip());
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** Whether a spreadsheet would run this text as a formula. */
    static boolean formulaLike(String text) {
        return !text.isEmpty() && FORMULA_START.indexOf(text.charAt(0)) >= 0 && !NUMBER.matcher(text).matches();
    }
}
