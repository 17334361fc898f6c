package org.farmstand.storefront.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Error pages: language, title and a way back, for a shop or for the platform. */
@Named
@RequestScoped
public class ErrorBacking {

    @Inject
    TenantService tenants;

    private ShopRequest shop;
    private boolean resolved;

    private HttpServletRequest request() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) FacesContext.getCurrentInstance().getExternalContext().getResponse();
    }

    /**
     * The shop the failed request was for: the router's finding, or — for an error before the router ran (a form
     * refused by the CSRF filter) — the shop named by the request's address, if it is an active one. Null for the
     * platform's own pages and for unknown or inactive shops (whose existence the page must not tell).
     */
    ShopRequest shop() {
        if (!resolved) {
            resolved = true;
            shop = ShopRequest.of(request());
            if (shop == null) {
                shop = fromAddress(request());
            }
        }
        return shop;
    }

    private ShopRequest fromAddress(HttpServletRequest request) {
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String context = request.getContextPath();
        if (uri == null || !uri.startsWith(context)) {
            return null;
        }
        String path = uri.substring(context.length());
        if (path.startsWith("/s/")) {
            int end = path.indexOf('/', 3);
            String slug = end < 0 ? path.substring(3) : path.substring(3, end);
            return active(tenants.bySlug(slug)).map(t -> new ShopRequest(t, context + "/s/" + slug, null, Map.of()))
                    .orElse(null);
        }
        return active(tenants.byHost(request.getServerName()))
                .map(t -> new ShopRequest(t, context, null, Map.of())).orElse(null);
    }

    private static Optional<TenantInfo> active(Optional<TenantInfo> tenant) {
        return tenant.filter(TenantInfo::active);
    }

    public Locale getLocale() {
        return Shop.resolveLocale(request(), shop() == null ? null : shop().tenant());
    }

    /** " – Sonnenhof" after the page's title in a shop, nothing elsewhere. */
    public String getTitleSuffix() {
        return shop() == null ? "" : " – " + shop().tenant().name();
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
        return shop() == null ? request().getContextPath() + "/" : shop().basePath() + "/";
    }
}
