package org.farmstand.admin.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** Texts of the admin bundle for messages created in code. */
public final class Messages {

    public static final String BUNDLE = "org.farmstand.admin.i18n.Messages";

    private Messages() {
    }

    private static Locale locale() {
        return Formats.language();
    }

    public static String get(String key) {
        return ResourceBundle.getBundle(BUNDLE, locale()).getString(key);
    }

    /**
     * The text with its {0}... filled in. Texts without arguments are returned as written: MessageFormat would take
     * their apostrophes ("customer's") for quotes and drop them.
     */
    public static String format(String key, Object... args) {
        if (args == null || args.length == 0) {
            return get(key);
        }
        return new MessageFormat(get(key), locale()).format(args);
    }
}
