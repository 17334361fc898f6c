package org.farmstand.mail.control;

import org.farmstand.catalog.entity.Unit;
import org.farmstand.mail.entity.OutboxMail;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tours.control.Cutoffs;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of the mails Farmstand sends, in one language: the recipient's. They live in the bundle
 * {@code org/farmstand/mail/MailTexts*.properties} (English base, {@code _de} German); a mail is the pair of keys
 * {@code <mail>.subject} and {@code <mail>.body}, both MessageFormat patterns over the same arguments (so an
 * apostrophe is written {@code ''}). Arguments are passed as text already formatted in the mail's language
 * ({@link #money}, {@link #date}, {@link #dateTime}); links go in verbatim.
 * <p>
 * The language: the customer's stored {@code locale} (the page language at registration) while the shop still offers
 * it, else the shop's default language, else German. Staff users have no stored language: their mails follow the
 * shop's default.
 */
public final class MailText {

    static final String BUNDLE = "org.farmstand.mail.MailTexts";
    /** The languages with a bundle; the storefront offers the same ones. */
    public static final List<String> LANGUAGES = List.of("de", "en");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");
    /**
     * Parsed patterns and date formats (amounts: {@link org.farmstand.platform.text.Money}), per format locale (two) and
     * pattern of the bundle: every text and
     * amount of a mail made a new one, and a MessageFormat or currency format parses its pattern when made (the order
     * confirmation is written in the checkout's request, a few dozen of them per order). Neither is thread-safe: a
     * clone per use. The keys are the bundle's texts and the shops' currencies, so the maps stay small.
     */
    private static final ConcurrentMap<String, Parsed> PATTERNS = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, DateTimeFormatter> DATE_FORMATS = new ConcurrentHashMap<>();

    /** A pattern with the number of arguments it takes. */
    private record Parsed(MessageFormat format, int arguments) {
    }

    private final Locale language;
    private final String currency;

    private MailText(Locale language, String currency) {
        this.language = language;
        this.currency = currency;
    }

    /**
     * Texts for a recipient with this stored locale (null: none stored) at this shop (null: none known). A stored
     * language the shop no longer offers (it dropped it after the customer registered) counts as none.
     */
    public static MailText forRecipient(String recipientLocale, TenantInfo shop) {
        String recipient = shop == null || offered(recipientLocale, shop.locales()) ? recipientLocale : null;
        return new MailText(language(recipient, shop == null ? null : shop.defaultLocale()),
                shop == null || shop.currency() == null ? "EUR" : shop.currency());
    }

    /** Whether the locale's language is one of the shop's languages (true when either is unknown). */
    private static boolean offered(String locale, List<String> shopLanguages) {
        if (locale == null || locale.isBlank() || shopLanguages == null || shopLanguages.isEmpty()) {
            return true;
        }
        String lang = languageOf(locale);
        return shopLanguages.stream().anyMatch(offered -> languageOf(offered).equals(lang));
    }

    private static String languageOf(String tag) {
        return Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
    }

    /** The first of the candidates that names a language with texts (e.g. "en", "en-GB", "de_DE"), else German. */
    static Locale language(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                String lang = languageOf(candidate);
                if (LANGUAGES.contains(lang)) {
                    return Locale.forLanguageTag(lang);
                }
            }
        }
        return Locale.GERMAN;
    }

    public Locale language() {
        return language;
    }

    /**
     * The locale numbers and dates are written in, as on the storefront's pages: the language in the shop's region
     * ("12,50 €", "Dienstag, 1. Dezember 2026" against "€12.50", "Tuesday, 1 December 2026").
     */
    Locale formatLocale() {
        return "en".equals(language.getLanguage()) ? Locale.UK : Locale.GERMANY;
    }

    /** The mail {@code key} ({@code key.subject}, {@code key.body}) to {@code recipient}, ready for the outbox. */
    public OutboxMail mail(String recipient, String key, Object... args) {
        return new OutboxMail(recipient, text(key + ".subject", args), text(key + ".body", args));
    }

    /** One text of the bundle with its arguments filled in; every {@code {n}} of the text needs an argument. */
    public String text(String key, Object... args) {
        String pattern = ResourceBundle.getBundle(BUNDLE, language, MailText.class.getClassLoader(), NO_FALLBACK)
                .getString(key);
        Locale locale = formatLocale();
        Parsed parsed = PATTERNS.computeIfAbsent(locale.toLanguageTag() + '\n' + pattern,
                k -> new Parsed(new MessageFormat(pattern, locale), arguments(pattern)));
        if (args.length < parsed.arguments()) {
            throw new IllegalArgumentException(key + " needs " + parsed.arguments() + " arguments, got " + args.length);
        }
        return ((MessageFormat) parsed.format().clone()).format(args);
    }

    /** How many arguments a pattern takes (its highest {@code {n}} plus one). */
    static int arguments(String pattern) {
        int max = -1;
        Matcher m = ARGUMENT.matcher(pattern.replace("''", ""));
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max + 1;
    }

    /**
     * A page of {@code shop} in the storefront under the platform's public address ({@code farmstand.public-url},
     * with or without a trailing slash), e.g. {@code shopPage(url, shop, "/account/login")}; {@link #link} adds the
     * mail's language.
     */
    public static String shopPage(String publicUrl, TenantInfo shop, String path) {
        return publicUrl.replaceAll("/+$", "") + "/s/" + shop.slug() + path;
    }

    /**
     * A storefront link for this mail: {@code url} with {@code lang=<the mail's language>} added after its query
     * parameters (before a fragment). The storefront takes the page language from {@code ?lang=}, then its cookie,
     * then the shop's default, never from the browser: without it, an English mail opened on a device that has not
     * chosen a language leads to a German page. Not for admin links (the admin follows the browser's language).
     */
    public String link(String url) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        return base + (base.contains("?") ? "&" : "?") + "lang=" + language.getLanguage() + fragment;
    }

    /**
     * One line of an order mail with its unit, as the storefront prices it ("4 kg Kartoffeln  12,80 €", "2 bunches
     * Radishes  €3.00"): the texts {@code order.line.<Unit>}, or {@code order.line} ("4 × ...") for a line
     * without one. A per-kg line counts kilograms: "4 × Kartoffeln" read as four potatoes.
     */
    public String orderLine(Unit unit, int quantity, String product, long lineTotalCents) {
        return orderLine(unit, quantity, product, lineTotalCents, false);
    }

    /** As above; {@code estimated}: the amount is an estimate (sold by weight, not weighed yet), "ca. 8,40 €". */
    public String orderLine(Unit unit, int quantity, String product, long lineTotalCents, boolean estimated) {
        String key = unit == null ? "order.line" : "order.line." + unit.name();
        return text(key, quantity, product, money(lineTotalCents, estimated));
    }

    /** {@link #money(long)}, after "ca." / "approx." when it is an estimate. */
    public String money(long cents, boolean estimated) {
        return estimated ? text("order.approx", money(cents)) : money(cents);
    }

    /** e.g. "12,50 €" / "€12.50" in the shop's currency. */
    public String money(long cents) {
        return org.farmstand.platform.text.Money.format(cents, currency, formatLocale());
    }

    /** e.g. "Dienstag, 1. Dezember 2026" / "Tuesday, 1 December 2026". */
    public String date(LocalDate date) {
        return date.format(dateFormat("full"));
    }

    /** e.g. "Montag, 30. November, 18:00" / "Monday, 30 November, 18:00" (shop time). */
    public String dateTime(Instant instant) {
        return dateFormat("en".equals(language.getLanguage()) ? "EEEE, d MMMM, HH:mm" : "EEEE, d. MMMM, HH:mm")
                .format(instant.atZone(Cutoffs.ZONE));
    }

    /** The formatter of a pattern ("full": the locale's full date) in this language (immutable, so shared). */
    private DateTimeFormatter dateFormat(String pattern) {
        Locale locale = formatLocale();
        return DATE_FORMATS.computeIfAbsent(locale.toLanguageTag() + '\n' + pattern, k -> "full".equals(pattern)
                ? DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale)
                : DateTimeFormatter.ofPattern(pattern, locale));
    }
}
