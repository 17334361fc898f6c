package org.farmstand.storefront.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.catalog.entity.Unit;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tours.control.Cutoffs;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** The current shop for pages: branding, URLs, language, and locale-aware formatting. */
@Named("shop")
@RequestScoped
public class Shop implements Serializable {

    private static final java.util.concurrent.ConcurrentMap<String, DateTimeFormatter> DATE_FORMATS =
            new java.util.concurrent.ConcurrentHashMap<>();

    public static final String LANG_COOKIE = "fs_lang";
    public static final List<String> LANGUAGES = List.of("de", "en");

    private ShopRequest shopRequest;
    private Locale locale;

    private HttpServletRequest request() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }

    public ShopRequest getRequest() {
        if (shopRequest == null) {
            shopRequest = ShopRequest.of(request());
        }
        return shopRequest;
    }

    public boolean isPresent() {
        return getRequest() != null;
    }

    public TenantInfo getTenant() {
        return getRequest() == null ? null : getRequest().tenant();
    }

    /** The shop's colours for the page's style block (see {@link Branding}); the platform's without a shop. */
    public Branding getBranding() {
        return Branding.of(getTenant());
    }

    public long getContentVersion() {
        return getTenant().contentVersion();
    }

    /** Absolute path of a shop page, e.g. {@code url('/products')} gives {@code /s/sonnenhof/products}. */
    public String url(String path) {
        String base = getRequest() == null ? request().getContextPath() : getRequest().basePath();
        return base + (path.startsWith("/") ? path : "/" + path);
    }

    public String productUrl(String slug) {
        return url(Route.PRODUCT.path(slug));
    }

    public String categoryUrl(String slug) {
        if (slug == null) { // a product without a category
            return url("/products");
        }
        return url("/products?category=" + URLEncoder.encode(slug, StandardCharsets.UTF_8));
    }

    public String imageUrl(String hash, String size) {
        return hash == null ? request().getContextPath() + "/resources/farmstand/placeholder.svg"
                : url("/media/" + hash + "-" + size + ".jpg");
    }

    public String getLogoUrl() {
        return getTenant().logoHash() == null ? null : imageUrl(getTenant().logoHash(), "thumb");
    }

    /**
     * Current page with another language: the page's query is kept (a reset link's token, a search, a category),
     * only {@code lang} is replaced. After a POST the page is the form's address without the posted fields.
     */
    public String languageUrl(String lang) {
        HttpServletRequest r = request();
        String uri = (String) r.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        String query = uri == null ? r.getQueryString()
                : (String) r.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
        StringBuilder url = new StringBuilder(QueuePage.onThisSite(uri == null ? r.getRequestURI() : uri)).append('?');
        if (query != null && "GET".equals(r.getMethod())) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty() && !pair.equals("lang") && !pair.startsWith("lang=")) {
                    url.append(pair).append('&');
                }
            }
        }
        return url.append("lang=").append(lang).toString();
    }

    public Locale getLocale() {
        if (locale == null) {
            locale = resolveLocale(request(), getTenant());
        }
        return locale;
    }

    public String getLanguage() {
        return getLocale().getLanguage();
    }

    /**
     * The language of the shop's own texts (product names and descriptions, tagline, categories: entered once, in the
     * shop's default language) when the page is in another one, for their {@code lang} attribute (a screen reader
     * then reads "Möhren" as German on an English page); null on a page in that language (no attribute).
     */
    public String getContentLanguage() {
        TenantInfo tenant = getTenant();
        if (tenant == null || tenant.defaultLocale() == null) {
            return null;
        }
        String content = Locale.forLanguageTag(tenant.defaultLocale()).getLanguage();
        return content.isEmpty() || content.equals(getLanguage()) ? null : content;
    }

    /** The languages a visitor can choose in this shop (the page offers a switch only when there are two or more). */
    public List<String> getLanguages() {
        return languagesOf(getTenant());
    }

    /**
     * The languages the shop offers (its settings), in the platform's order; all of the platform's without a shop
     * (the queue page, an unknown shop's 404) or when none of the shop's is one the pages are written in.
     */
    static List<String> languagesOf(TenantInfo tenant) {
        if (tenant == null || tenant.locales() == null || tenant.locales().containsAll(LANGUAGES)) {
            return LANGUAGES; // the usual case, on every catalog request (the page cache's key): no new list
        }
        List<String> offered = LANGUAGES.stream().filter(tenant.locales()::contains).toList();
        return offered.isEmpty() ? LANGUAGES : offered;
    }

    /**
     * The page language: {@code ?lang=}, else the visitor's remembered choice, else the browser's language, else the
     * shop's default — each only if the shop offers it (a choice made in another shop, or a language this shop
     * dropped, is not taken).
     */
    static Locale resolveLocale(HttpServletRequest request, TenantInfo tenant) {
        List<String> offered = languagesOf(tenant);
        String lang = request.getParameter("lang");
        if (lang != null && offered.contains(lang)) {
            return Locale.forLanguageTag(lang);
        }
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (LANG_COOKIE.equals(cookie.getName()) && offered.contains(cookie.getValue())) {
                    return Locale.forLanguageTag(cookie.getValue());
                }
            }
        }
        String browser = browserLanguage(request.getHeader("Accept-Language"), offered);
        if (browser != null) {
            return Locale.forLanguageTag(browser);
        }
        if (tenant != null && offered.contains(tenant.defaultLocale())) {
            return Locale.forLanguageTag(tenant.defaultLocale());
        }
        return Locale.forLanguageTag(offered.get(0));
    }

    /**
     * The first of {@code offered} the browser asks for ({@code Accept-Language}, by its weights: "fr, en;q=0.8" in a
     * German and English shop is English), or null: none, no header, or one that does not parse or is implausibly long.
     */
    static String browserLanguage(String acceptLanguage, List<String> offered) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 200) {
            return null;
        }
        if (offered != LANGUAGES) {
            return parseBrowserLanguage(acceptLanguage, offered);
        }
        // the usual case (the shop offers all page languages), on every anonymous catalog request of a browser without
        // the language cookie: browsers send a handful of distinct headers, so the parse is kept per header (bounded:
        // a client making up headers empties the map, never grows it past BROWSER_LANGUAGES_MAX)
        String known = BROWSER_LANGUAGES.get(acceptLanguage);
        if (known != null) {
            return known.isEmpty() ? null : known;
        }
        String parsed = parseBrowserLanguage(acceptLanguage, offered);
        if (BROWSER_LANGUAGES.size() >= BROWSER_LANGUAGES_MAX) {
            BROWSER_LANGUAGES.clear();
        }
        BROWSER_LANGUAGES.put(acceptLanguage, parsed == null ? "" : parsed);
        return parsed;
    }

    private static final int BROWSER_LANGUAGES_MAX = 512;
    /** Accept-Language header → the first of {@link #LANGUAGES} it asks for, "" for none. */
    private static final java.util.concurrent.ConcurrentMap<String, String> BROWSER_LANGUAGES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** How many headers are kept (for the test of the bound). */
    static int browserLanguagesKept() {
        return BROWSER_LANGUAGES.size();
    }

    private static String parseBrowserLanguage(String acceptLanguage, List<String> offered) {
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                if (range.getWeight() <= 0) {
                    continue;
                }
                String tag = range.getRange();
                int dash = tag.indexOf('-');
                String language = dash < 0 ? tag : tag.substring(0, dash);
                if (offered.contains(language)) {
                    return language;
                }
            }
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        return null;
    }

    /** Remembers an explicit language choice in a cookie (not in a session), if the shop offers it. */
    static void rememberLanguage(HttpServletRequest request, HttpServletResponse response, TenantInfo tenant) {
        String lang = request.getParameter("lang");
        if (lang != null && languagesOf(tenant).contains(lang)) {
            Cookie cookie = new Cookie(LANG_COOKIE, lang);
            cookie.setPath("/");
            cookie.setMaxAge(365 * 24 * 3600);
            cookie.setHttpOnly(true);
            cookie.setSecure(request.isSecure());
            response.addCookie(cookie);
        }
    }

    /**
     * The locale numbers and dates are formatted in: the page language in the shop's region (German in Germany,
     * English as in Britain or Ireland, i.e. "€12.50" and "1 Dec 2026" against "12,50 €" and "01.12.2026").
     */
    public Locale getFormatLocale() {
        return "en".equals(getLanguage()) ? Locale.UK : Locale.GERMANY;
    }

    public String money(long cents) {
        return org.farmstand.platform.text.Money.format(cents, getTenant() == null ? null : getTenant().currency(),
                getFormatLocale());
    }

    /** e.g. "Tuesday, 1 December 2026" / "Dienstag, 1. Dezember 2026". */
    public String date(LocalDate date) {
        return date(date, getFormatLocale());
    }

    /** {@link #date(LocalDate)} in a given format locale ({@link #getFormatLocale()}). */
    public static String date(LocalDate date, Locale formatLocale) {
        return date == null ? "" : date.format(formatter("date", formatLocale));
    }

    /** e.g. "1 Dec 2026" / "01.12.2026". */
    public String shortDate(LocalDate date) {
        return date == null ? "" : date.format(formatter("shortDate", getFormatLocale()));
    }

    /** e.g. "Monday, 30 November, 18:00" / "Montag, 30. November, 18:00" (shop time). */
    public String dateTime(Instant instant) {
        return dateTime(instant, getFormatLocale());
    }

    /** {@link #dateTime(Instant)} in a given format locale ({@link #getFormatLocale()}). */
    public static String dateTime(Instant instant, Locale formatLocale) {
        return instant == null ? "" : formatter("dateTime", formatLocale).format(instant.atZone(Cutoffs.ZONE));
    }

    /** DateTimeFormatters are immutable: one per kind and locale for all requests. */
    private static DateTimeFormatter formatter(String kind, Locale locale) {
        return DATE_FORMATS.computeIfAbsent(kind + "/" + locale.toLanguageTag(), k -> switch (kind) {
            case "date" -> DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
            case "shortDate" -> DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
            case "dateTime" -> DateTimeFormatter.ofPattern("en".equals(locale.getLanguage())
                    ? "EEEE, d MMMM, HH:mm" : "EEEE, d. MMMM, HH:mm", locale);
            default -> throw new IllegalArgumentException(kind);
        });
    }

    /**
     * A quantity in its unit, as every page of the shop writes it: "3 kg", "3 Stück", "2 Bund", "1 Kiste" / "3 kg",
     * "3 pieces" (the bundle's {@code quantity.<UNIT>}; "3 ×" for a line whose unit is unknown).
     */
    public String quantity(int quantity, Unit unit) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "i18n");
        String pattern = bundle.getString(unit == null ? "quantity" : "quantity." + unit.name());
        return new MessageFormat(pattern, getFormatLocale()).format(new Object[] {quantity});
    }

    public String grams(Integer grams) {
        if (grams == null) {
            return "";
        }
        return grams >= 1000 ? NumberFormat.getNumberInstance(getFormatLocale()).format(grams / 1000.0) + " kg" : grams + " g";
    }
}
