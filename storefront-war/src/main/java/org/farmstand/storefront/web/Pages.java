package org.farmstand.storefront.web;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.farmstand.storefront.cart.Cart;
import org.farmstand.storefront.cart.CustomerLogin;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Small helpers for the storefront's plain-form pages: in a Faces request (no argument) or for the request the shop
 * router handles before any view (a {@link HttpServletRequest} argument).
 */
public final class Pages {

    private Pages() {
    }

    public static ExternalContext external() {
        return FacesContext.getCurrentInstance().getExternalContext();
    }

    /** The page's texts ({@code i18n} in the pages) in the language of the view being rendered. */
    public static java.util.ResourceBundle texts() {
        FacesContext context = FacesContext.getCurrentInstance();
        return context.getApplication().getResourceBundle(context, "i18n");
    }

    public static HttpServletRequest request() {
        return (HttpServletRequest) external().getRequest();
    }

    public static boolean isPost() {
        return "POST".equals(request().getMethod());
    }

    public static String param(String name) {
        return param(request(), name);
    }

    /** A parameter, stripped; null when missing. */
    public static String param(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? null : value.strip();
    }

    /** A parameter as a long, or null when missing or not a number. */
    public static Long longParam(String name) {
        return longParam(request(), name);
    }

    public static Long longParam(HttpServletRequest request, String name) {
        String value = param(request, name);
        if (value == null || !value.matches("-?[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(value);
    }

    /** A parameter as an int, or null when missing or not a number. */
    public static Integer intParam(String name) {
        return intParam(request(), name);
    }

    public static Integer intParam(HttpServletRequest request, String name) {
        String value = param(request, name);
        if (value == null || !value.matches("-?[0-9]{1,9}")) {
            return null;
        }
        return Integer.parseInt(value);
    }

    public static HttpSession session(boolean create) {
        return request().getSession(create);
    }

    public static long tenantId() {
        return tenantId(request());
    }

    public static long tenantId(HttpServletRequest request) {
        return ShopRequest.of(request).tenant().id();
    }

    /** The signed-in customer of this shop, or null (never creates a session). */
    public static CustomerLogin login() {
        return login(request());
    }

    public static CustomerLogin login(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null
                : (CustomerLogin) session.getAttribute(CustomerLogin.attributeName(tenantId(request)));
    }

    /** This shop's cart, or null (never creates a session). */
    public static Cart cart() {
        return cart(request());
    }

    public static Cart cart(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (Cart) session.getAttribute(Cart.attributeName(tenantId(request)));
    }

    /**
     * Puts this shop's cart into the session after a change (the first change starts the session); set again each
     * time so that a replicated session sees the change.
     */
    public static void storeCart(HttpServletRequest request, Cart cart) {
        request.getSession(true).setAttribute(Cart.attributeName(tenantId(request)), cart);
    }

    /** Redirects (303 after a POST) to a path of this shop, e.g. {@code /cart?m=added}. */
    public static void redirect(Shop shop, String path) {
        FacesContext faces = FacesContext.getCurrentInstance();
        HttpServletResponse response = (HttpServletResponse) faces.getExternalContext().getResponse();
        response.setStatus(isPost() ? HttpServletResponse.SC_SEE_OTHER : HttpServletResponse.SC_FOUND);
        response.setHeader("Location", shop.url(path));
        faces.responseComplete();
    }

    public static void status(int status) {
        external().setResponseStatus(status);
    }

    /** Seconds after which a request refused with {@link #busy} may be sent again (the Retry-After header). */
    public static final int RETRY_AFTER_SECONDS = 5;

    /**
     * The answer's status after the placement gate had no permit in time ({@code PlacementGate.Busy}): 503 with
     * Retry-After. Nothing was written, and the same form may be sent again (its key keeps a retry idempotent).
     */
    public static void busy() {
        busy((HttpServletResponse) external().getResponse());
    }

    public static void busy(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    }

    public static void notFound() {
        try {
            external().responseSendError(HttpServletResponse.SC_NOT_FOUND, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FacesContext.getCurrentInstance().responseComplete();
    }
}
