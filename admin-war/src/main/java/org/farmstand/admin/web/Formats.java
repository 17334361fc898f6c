package org.farmstand.admin.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.farmstand.tours.control.Cutoffs;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Money, dates, amounts and quantities on admin pages, in the shop's zone and the page's language:
 * {@code #{fmt.date(d)}}, {@code #{fmt.amount(cents)}}, {@code #{fmt.quantity(n, unit)}}. As in the storefront
 * ({@code Shop}), English is formatted as in Britain and Ireland ("€3.90", "Mon 30 Nov 2026"), German as in Germany
 * ("3,90 €", "Mo 30.11.2026"). The static methods take the page language, for unit tests and code outside a page.
 * Money in the shop's currency is {@code #{staff.money(cents)}}.
 */
@Named("fmt")
@ApplicationScoped
public class Formats {

    private static final ConcurrentMap<String, DateTimeFormatter> DATE_FORMATS = new ConcurrentHashMap<>();

    /** The page's language (the view's locale); German outside a page. */
    public static Locale language() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces == null || faces.getViewRoot() == null ? Locale.GERMAN : faces.getViewRoot().getLocale();
    }

    /** The locale numbers and dates are written in for a page language: English as in Britain, German in Germany. */
    public static Locale formatLocale(Locale language) {
        return "en".equals(language.getLanguage()) ? Locale.UK : Locale.GERMANY;
    }

    /** e.g. "Mon 30 Nov 2026" / "Mo 30.11.2026". */
    public static String date(LocalDate date, Locale language) {
        return date == null ? "" : date.format(formatter("date", language));
    }

    /** e.g. "Sat 28 Nov 2026 22:49" / "Sa 28.11.2026 22:49" (shop time). */
    public static String dateTime(Instant instant, Locale language) {
        return instant == null ? "" : formatter("dateTime", language).format(instant.atZone(Cutoffs.ZONE));
    }

    private static DateTimeFormatter formatter(String kind, Locale language) {
        boolean english = "en".equals(language.getLanguage());
        return DATE_FORMATS.computeIfAbsent(kind + "/" + (english ? "en" : "de"), k -> {
            // "ccc": the stand-alone short weekday, "Mo" rather than the German format form "Mo."
            String day = english ? "EEE d MMM yyyy" : "ccc dd.MM.yyyy";
            return DateTimeFormatter.ofPattern(kind.equals("date") ? day : day + " HH:mm", formatLocale(language));
        });
    }

    /** e.g. "€3.90" / "3,90 €" (the German with a no-break space before the sign). */
    public static String money(long cents, String currency, Locale language) {
        return org.farmstand.platform.text.Money.format(cents, currency, formatLocale(language));
    }

    /** An amount for a price field, without grouping: 390 gives "3.90" / "3,90"; null gives null. */
    public static String amount(Long cents, Locale language) {
        if (cents == null) {
            return null;
        }
        String plain = BigDecimal.valueOf(cents, 2).toPlainString();
        return "en".equals(language.getLanguage()) ? plain : plain.replace('.', ',');
    }

    /**
     * A typed amount in cents; null when empty: {@link AmountInput}'s reading ("3,90" and "3.90" are 390 in both
     * languages, "1.000" is 100000 in German, "1,000" in English). Throws NumberFormatException for anything it
     * refuses (not an amount, negative, more than two decimals, more than 1,000,000.00).
     */
    public static Long cents(String input, Locale language) {
        try {
            return AmountInput.cents(input, language);
        } catch (AmountInput.Invalid e) {
            throw new NumberFormatException(input);
        }
    }

    /** A tax rate in per mille as a percentage: 70 gives "7%" / "7 %", 107 "10.7%" / "10,7 %". */
    public static String percent(int permille, Locale language) {
        NumberFormat format = NumberFormat.getPercentInstance(formatLocale(language));
        format.setMaximumFractionDigits(1);
        return format.format(permille / 1000.0);
    }

    /** A weight in grams as kilograms: 1234 gives "1.234 kg" / "1,234 kg", 1500 "1.5 kg" / "1,5 kg". */
    public static String kg(long grams, Locale language) {
        return weight(grams, language) + " kg";
    }

    /** A weight for the weight field (kg, without unit and grouping): 1500 gives "1.5" / "1,5"; null gives null. */
    public static String weight(Integer grams, Locale language) {
        return grams == null ? null : weight(grams.longValue(), language);
    }

    private static String weight(long grams, Locale language) {
        String plain = BigDecimal.valueOf(grams, 3).stripTrailingZeros().toPlainString();
        return "en".equals(language.getLanguage()) ? plain : plain.replace('.', ',');
    }

    // for pages, in the view's language

    public String kg(Long grams) {
        return grams == null ? "" : kg(grams, language());
    }

    public String date(LocalDate date) {
        return date(date, language());
    }

    public String dateTime(Instant instant) {
        return dateTime(instant, language());
    }

    public String amount(Long cents) {
        return amount(cents, language());
    }

    public String percent(int permille) {
        return percent(permille, language());
    }

    /** e.g. "2 pieces", "1 bunch", "3 kg" / "2 Stück", "2 Kisten": the unit's bundle text with its plural. */
    public String quantity(int quantity, Object unit) {
        return quantity(quantity, unit, language());
    }

    /** As {@link #quantity(int, Object)} in a given page language. */
    public static String quantity(long quantity, Object unit, Locale language) {
        String pattern = ResourceBundle.getBundle(Messages.BUNDLE, language).getString("Unit." + unit + ".quantity");
        return new MessageFormat(pattern, formatLocale(language)).format(new Object[]{quantity});
    }
}
