package org.farmstand.admin.web;

import org.farmstand.catalog.entity.Product;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A euro amount as a producer types it (the product form's prices, the shop settings' amounts through
 * {@link Formats#cents}), to cents: "2,50", "2.50", "2", "2,50 €", "€2.50", and with thousands grouped when both
 * separators are there ("1.234,50", "1,234.50") or when the page language's thousands separator alone stands before
 * groups of three digits ("1.500" in German, "1,500" in English are 1500 euros; the other separator alone is the
 * decimal one, so "1.50" in German is 1,50). Spaces are ignored. What is not such an amount is refused with a key
 * saying what is wrong ({@code products.edit.amount.*}): not a number, negative, more than two decimals ("1,239" in
 * German, and "2,500" too: a zero beyond the cents may be a mistyped thousand), above {@link Product#MAX_PRICE_CENTS}.
 * Zero is an amount here; whether a price may be zero is a pricing rule.
 */
public final class AmountInput {

    /** An amount the form refuses; {@link #key()} is the message of the admin bundle, taking the field's label. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String key) {
            super(key, null, false, false);
        }

        public String key() {
            return getMessage();
        }
    }

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u202F]");
    private static final Pattern GROUPED = Pattern.compile("[0-9]{1,3}([.,'][0-9]{3})+");

    private AmountInput() {
    }

    /** Cents, or null for an empty field; {@code language} is the page's (its thousands separator). */
    public static Long cents(String input, Locale language) throws Invalid {
        if (input == null || input.isBlank()) {
            return null;
        }
        String s = SPACES.matcher(input.replace("€", "")).replaceAll("");
        if (s.regionMatches(true, s.length() - 3, "EUR", 0, 3)) {
            s = s.substring(0, s.length() - 3);
        } else if (s.regionMatches(true, 0, "EUR", 0, 3)) {
            s = s.substring(3);
        }
        boolean negative = s.startsWith("-") || s.startsWith("−");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        int comma = s.lastIndexOf(',');
        int dot = s.lastIndexOf('.');
        String whole;
        String fraction;
        if (comma >= 0 && dot >= 0) {
            int decimal = Math.max(comma, dot); // the later one separates the cents, the other groups thousands
            whole = s.substring(0, decimal);
            fraction = s.substring(decimal + 1);
            if (!GROUPED.matcher(whole).matches() || whole.indexOf(s.charAt(decimal)) >= 0) {
                throw new Invalid("products.edit.amount.invalid");
            }
            whole = whole.replaceAll("[.,' ]", "");
        } else if (s.indexOf(grouping(language)) >= 0 && GROUPED.matcher(s).matches()) {
            whole = s.replace(String.valueOf(grouping(language)), "");
            fraction = "";
        } else {
            int decimal = Math.max(comma, dot);
            whole = decimal < 0 ? s : s.substring(0, decimal);
            fraction = decimal < 0 ? "" : s.substring(decimal + 1);
        }
        if (whole.isEmpty() && fraction.isEmpty() || !whole.isEmpty() && !DIGITS.matcher(whole).matches()
                || !fraction.isEmpty() && !DIGITS.matcher(fraction).matches()) {
            throw new Invalid("products.edit.amount.invalid");
        }
        BigDecimal value = new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
        if (negative && value.signum() != 0) {
            throw new Invalid("products.edit.amount.negative");
        }
        if (value.scale() > 2) {
            throw new Invalid("products.edit.amount.decimals");
        }
        if (value.compareTo(BigDecimal.valueOf(Product.MAX_PRICE_CENTS, 2)) > 0) {
            throw new Invalid("products.edit.amount.too-large");
        }
        return value.movePointRight(2).setScale(0).longValueExact();
    }

    private static char grouping(Locale language) {
        return "en".equals(language.getLanguage()) ? ',' : '.';
    }
}
