package org.farmstand.customers.control;

import java.util.List;
import java.util.Locale;

/**
 * The language stored for a customer when staff or a management system set it (registration stores the page's
 * language itself): one of the shop's languages ({@code Tenant.locales}), or none, and then the customer's mails are
 * in the shop's default language (MailText.forRecipient). A language the shop does not offer is refused rather than
 * stored: its mails would silently fall back, and the storefront would not show the customer that language either.
 */
public final class CustomerLanguage {

    private CustomerLanguage() {
    }

    /** The value to store for a requested language: null for none (null or blank), else the trimmed lower-case tag. */
    public static String normalized(String requested) {
        return requested == null || requested.isBlank() ? null : requested.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether the (normalized) language may be stored for a customer of a shop with these languages. */
    public static boolean allowed(String language, List<String> shopLanguages) {
        return language == null || shopLanguages.contains(language);
    }
}
