package org.farmstand.platform.text;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Amounts written for people, in the shop's currency and a format locale: the shop's pages, the admin's and the mails
 * all write them through here. A currency format parses its pattern when made (it showed in the profiles of pages with
 * many prices and of the checkout, which writes the confirmation mail) and is not thread-safe: one prototype per
 * locale and currency, a clone per call.
 */
public final class Money {

    private static final ConcurrentMap<String, NumberFormat> FORMATS = new ConcurrentHashMap<>();

    private Money() {
    }

    /** e.g. "12,50 €" (Locale.GERMANY) / "€12.50" (Locale.UK); {@code currency} null: euros. */
    public static String format(long cents, String currency, Locale locale) {
        String code = currency == null ? "EUR" : currency;
        NumberFormat prototype = FORMATS.computeIfAbsent(locale.toLanguageTag() + "/" + code, k -> {
            NumberFormat format = NumberFormat.getCurrencyInstance(locale);
            format.setCurrency(Currency.getInstance(code));
            return format;
        });
        return ((NumberFormat) prototype.clone()).format(BigDecimal.valueOf(cents, 2));
    }
}
