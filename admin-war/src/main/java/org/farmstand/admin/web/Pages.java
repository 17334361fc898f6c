package org.farmstand.admin.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Locale;

/** Small helpers shared by admin backing beans: 404s, messages, redirects, money input. */
public final class Pages {

    private Pages() {
    }

    /** Answers 404 (another shop's or an unknown id): the record's existence is not revealed. */
    public static void notFound() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            faces.getExternalContext().responseSendError(404, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }

    public static void error(String clientId, String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(clientId,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.format(key, args), null));
        FacesContext.getCurrentInstance().validationFailed();
    }

    public static void info(String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.format(key, args), null));
    }

    /** Redirects to a path of this WAR and keeps global messages for the next page. */
    public static void redirect(String path) {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.getFlash().setKeepMessages(true);
        try {
            external.redirect(external.getRequestContextPath() + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "2,50" or "2.50" or "2" → 250; null for empty; throws NumberFormatException for anything else. */
    public static Long cents(String input) {
        if (input == null || input.isBlank()) {
            return null;
        }
        String s = input.strip().replace("€", "").strip().replace(',', '.');
        BigDecimal value = new BigDecimal(s);
        if (value.signum() < 0 || value.scale() > 2 || value.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            throw new NumberFormatException(input);
        }
        return value.movePointRight(2).longValueExact();
    }

    /** 250 → "2.50". */
    public static String amount(Long cents) {
        return cents == null ? null : String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }
}
