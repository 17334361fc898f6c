package org.farmstand.storefront.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.platform.security.Tokens;

/**
 * Double-submit CSRF protection for the storefront's stateless views: a random token in a cookie and the same value
 * in a hidden field of every form ({@code <input name="_csrf" value="#{csrf.token}"/>}); {@link CsrfFilter} rejects
 * any POST where the two differ. A stateless view's ViewState ("stateless") is not a token.
 */
@Named("csrf")
@RequestScoped
public class Csrf {

    public static final String COOKIE = "fs_csrf";
    public static final String FIELD = "_csrf";
    /**
     * Request attribute: a placeholder token to render instead of the visitor's; {@link PageCacheFilter} cuts it out
     * of the cached page and puts in the visitor's token (and cookie) when it sends the page.
     */
    static final String RENDER_TOKEN_ATTRIBUTE = "farmstand.csrf.renderToken";

    private String token;

    public String getToken() {
        if (token == null) {
            FacesContext faces = FacesContext.getCurrentInstance();
            HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
            if (request.getAttribute(RENDER_TOKEN_ATTRIBUTE) instanceof String placeholder) {
                token = placeholder;
                return token;
            }
            token = fromCookie(request);
            if (token == null) {
                token = Tokens.random(24);
                ((HttpServletResponse) faces.getExternalContext().getResponse()).addCookie(cookie(token, request));
            }
        }
        return token;
    }

    /** The CSRF cookie carrying this token; Secure when the request came over HTTPS (as the session cookie). */
    static Cookie cookie(String token, HttpServletRequest request) {
        Cookie cookie = new Cookie(COOKIE, token);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }

    static String fromCookie(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().length() >= 16) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
