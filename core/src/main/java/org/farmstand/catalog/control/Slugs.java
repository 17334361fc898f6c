package org.farmstand.catalog.control;

import java.text.Normalizer;
import java.util.Locale;

/** URL slugs made from names: "Äpfel Topaz" → "aepfel-topaz". */
public final class Slugs {

    private Slugs() {
    }

    /** A slug of at most {@code maxLength} characters matching {@code [a-z0-9][a-z0-9-]*}; "item" if nothing is left. */
    public static String from(String name, int maxLength) {
        if (name == null) {
            return "item";
        }
        String s = name.strip().toLowerCase(Locale.ROOT)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > maxLength) {
            s = s.substring(0, maxLength).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "item" : s;
    }

    /** {@code base} itself, or {@code base-2}, {@code base-3}, ... shortened to fit {@code maxLength}. */
    public static String numbered(String base, int n, int maxLength) {
        if (n <= 1) {
            return base;
        }
        String suffix = "-" + n;
        String head = base.length() + suffix.length() > maxLength ? base.substring(0, maxLength - suffix.length()) : base;
        return head + suffix;
    }
}
