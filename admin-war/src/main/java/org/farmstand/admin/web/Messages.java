package org.farmstand.admin.web;

import jakarta.faces.context.FacesContext;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** Texts of the admin bundle for messages created in code. */
public final class Messages {

    private static final String BUNDLE = "org.farmstand.admin.i18n.Messages";

    private Messages() {
    }

    private static Locale locale() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces == null || faces.getViewRoot() == null ? Locale.GERMAN : faces.getViewRoot().getLocale();
    }

    public static String get(String key) {
        return ResourceBundle.getBundle(BUNDLE, locale()).getString(key);
    }

    public static String format(String key, Object... args) {
        return new MessageFormat(get(key), locale()).format(args);
    }
}
