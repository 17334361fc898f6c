package org.farmstand.storefront.web;

import org.farmstand.tenancy.boundary.TenantInfo;

import java.util.regex.Pattern;

/**
 * A shop's colours as the pages' CSS custom properties: its brand and accent colour, the text colour that reads on
 * each (black or white, whichever contrasts more: over 4.5:1 for any colour, as WCAG 2.1 AA asks), and the
 * colour of links on the page background (the brand colour where it reads there, else the text colour).
 *
 * <p>Only {@code #rrggbb} colours reach the page's style block: the settings accept nothing else, and a value that is
 * not one anyway (an old row, a manual change in the database) gives the platform's default, never text in CSS.
 */
public record Branding(String brand, String accent, String onBrand, String onAccent, String link) {

    public static final String DEFAULT_BRAND = "#2e7d32";
    public static final String DEFAULT_ACCENT = "#f9a825";
    /** The page background and text colour of shop.css ({@code --bg}, {@code --text}). */
    static final String PAGE = "#fafaf7";
    static final String TEXT = "#1f2421";
    static final double TEXT_CONTRAST = 4.5;

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    public static Branding of(TenantInfo tenant) {
        return of(tenant == null ? null : tenant.primaryColor(), tenant == null ? null : tenant.accentColor());
    }

    static Branding of(String primaryColor, String accentColor) {
        String brand = colorOr(primaryColor, DEFAULT_BRAND);
        String accent = colorOr(accentColor, DEFAULT_ACCENT);
        return new Branding(brand, accent, textOn(brand), textOn(accent),
                contrast(brand, PAGE) >= TEXT_CONTRAST ? brand : TEXT);
    }

    /** The declarations for {@code :root}, e.g. {@code --brand: #6d4c41; --on-brand: #fff; …}. */
    public String getCss() {
        return "--brand: " + brand + "; --accent: " + accent + "; --on-brand: " + onBrand + "; --on-accent: "
                + onAccent + "; --link: " + link + ";";
    }

    private static String colorOr(String color, String fallback) {
        return color != null && COLOR.matcher(color).matches() ? color.toLowerCase(java.util.Locale.ROOT) : fallback;
    }

    /** Black or white, whichever has the higher contrast with {@code background}. */
    static String textOn(String background) {
        return contrast(background, "#000000") >= contrast(background, "#ffffff") ? "#000" : "#fff";
    }

    /** The WCAG 2.1 contrast ratio of two {@code #rrggbb} colours, from 1 to 21. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** WCAG 2.1 relative luminance of an {@code #rrggbb} colour. */
    static double luminance(String color) {
        int rgb = Integer.parseInt(color.substring(1), 16);
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    private static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
