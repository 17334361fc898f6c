package org.farmstand.storefront.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Locale;

/** Error pages: language and a way back, for a shop or for the platform. */
@Named
@RequestScoped
public class ErrorBacking {

    private HttpServletRequest request() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) FacesContext.getCurrentInstance().getExternalContext().getResponse();
    }

    public Locale getLocale() {
        ShopRequest shop = ShopRequest.of(request());
        return Shop.resolveLocale(request(), shop == null ? null : shop.tenant());
    }

    public String getLanguage() {
        return getLocale().getLanguage();
    }

    /** The expired-form page answers 409 (the container would say 500): the client sent an outdated form. */
    public void expired() {
        response().setStatus(HttpServletResponse.SC_CONFLICT);
    }

    /** The busy page answers 503 with Retry-After (the container would say 500): the order may be sent again. */
    public void busy() {
        Pages.busy(response());
    }

    public String getHomeUrl() {
        ShopRequest shop = ShopRequest.of(request());
        return shop == null ? request().getContextPath() + "/" : shop.basePath() + "/";
    }
}
