package org.farmstand.admin.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Small helpers shared by admin backing beans: 404s and 403s, messages, redirects, money input. */
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

    /**
     * Answers 403 (the page says the shop's owner can do this): a staff member asked for an owner's action
     * ({@link org.farmstand.tenancy.boundary.StaffRight}) that their page does not offer them.
     */
    public static void forbidden() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            faces.getExternalContext().responseSendError(403, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }

    /**
     * Whether the signed-in staff member has {@code right}; answers 403 ({@link #forbidden()}) when not. The service
     * behind the action checks again.
     */
    public static boolean allowed(org.farmstand.tenancy.boundary.StaffRight right) {
        if (org.farmstand.tenancy.boundary.StaffAccess.allows(right)) {
            return true;
        }
        forbidden();
        return false;
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

    /** A typed amount in cents in the page's language ({@link Formats#cents}): "3,90" → 390; null for empty. */
    public static Long cents(String input) {
        return Formats.cents(input, Formats.language());
    }

    /** 390 → "3,90" (German) / "3.90" (English), for a price field. */
    public static String amount(Long cents) {
        return Formats.amount(cents, Formats.language());
    }
}
