package org.farmstand.storefront.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.storefront.cart.CartActions;
import org.farmstand.storefront.checkout.CheckoutActions;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;

import java.io.IOException;
import java.util.Optional;

/**
 * Resolves the shop of every request — from the {@code /s/{slug}} prefix or from the host name (a shop's own
 * domain) — sets it as the thread's tenant, and routes the pretty URL to its view. Unknown shops and paths get the
 * 404 page; nothing here creates a session.
 */
@WebFilter(filterName = "TenantFilter", urlPatterns = "/*")
public class TenantFilter extends HttpFilter {

    @Inject
    TenantService tenants;

    @Inject
    PageCache pageCache;

    @Inject
    MediaDelivery mediaDelivery;

    @Inject
    CartActions cartActions;

    @Inject
    CheckoutActions checkoutActions;

    @Inject
    CustomerSessions customerSessions;

    private NonShopPaths nonShopPaths = new NonShopPaths(java.util.Set.of());

    @Override
    public void init() throws ServletException {
        nonShopPaths = NonShopPaths.of(getServletContext());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (nonShopPaths.contains(path)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<TenantInfo> tenant;
        String basePath;
        String rest;
        if (path.startsWith("/s/")) {
            int end = path.indexOf('/', 3);
            String slug = end < 0 ? path.substring(3) : path.substring(3, end);
            if (end < 0) {
                // "/s/sonnenhof" -> "/s/sonnenhof/" so relative links work
                response.sendRedirect(request.getContextPath() + path + "/");
                return;
            }
            tenant = tenants.bySlug(slug);
            basePath = request.getContextPath() + "/s/" + slug;
            rest = path.substring(end);
        } else {
            tenant = tenants.byHost(request.getServerName());
            basePath = request.getContextPath();
            rest = path;
            if (tenant.isEmpty() && (path.equals("/") || path.isEmpty())) {
                request.getRequestDispatcher("/WEB-INF/views/platform.xhtml").forward(request, response);
                return;
            }
        }
        if (tenant.isEmpty() || !tenant.get().active()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Shop.rememberLanguage(request, response, tenant.get());
        try (TenantContext.Scope ignored = TenantContext.enter(tenant.get().id())) {
            if (rest.startsWith("/media/")) {
                // the shop is known to the 404 page of an unknown image
                request.setAttribute(ShopRequest.ATTRIBUTE, new ShopRequest(tenant.get(), basePath, null, java.util.Map.of()));
                mediaDelivery.send(rest.substring("/media".length()), request, response);
                return;
            }
            Optional<Route.Match> match = Route.match(rest);
            if (match.isEmpty()) {
                request.setAttribute(ShopRequest.ATTRIBUTE, new ShopRequest(tenant.get(), basePath, null, java.util.Map.of()));
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            ShopRequest shopRequest = new ShopRequest(tenant.get(), basePath, match.get().route(), match.get().params());
            request.setAttribute(ShopRequest.ATTRIBUTE, shopRequest);
            // a sign-in from before a password reset (or a change of e-mail address) ends here, before the page reads or acts for the customer: a
            // customer's page sends them to the sign-in, any other page (catalog, cart) goes on without the sign-in
            // (no name in the header, no reserved share of the admission gate from then on). Sessions only: an
            // anonymous request reads nothing.
            String ended = customerSessions.ended(request);
            if (ended != null) {
                customerSessions.signOut(request);
                if (match.get().route().forCustomer()) {
                    response.setStatus("POST".equals(request.getMethod()) ? HttpServletResponse.SC_SEE_OTHER
                            : HttpServletResponse.SC_FOUND);
                    response.setHeader("Location", basePath + CustomerSessions.signInPath(shopRequest, ended));
                    return;
                }
            }
            // the cart's and the checkout's POSTs end in a redirect when they succeed: handled here, without a Faces
            // request around them (bench, 1 user: POST /cart p50 5.1 -> 4.1 ms); a refusal is rendered by the page,
            // which finds the reason in a request attribute
            String target = plainPost(match.get().route(), request);
            if (target != null) {
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", basePath + target);
                return;
            }
            // a cached catalog page is sent from here: the forward to the view was 17 % of a cached page's CPU (JFR)
            PageCache.PageKey key = pageCache.keyOf(request, shopRequest, request.getRequestURI(), request.getQueryString());
            if (key != null) {
                if (pageCache.sendHit(request, response, key)) {
                    return;
                }
                request.setAttribute(PageCache.KEY_ATTRIBUTE, key); // PageCacheFilter renders and stores the page
            } else {
                // a page for this visitor alone (signed in, a form with their token, an answer to a post): kept by no
                // cache, not even the browser's (back after signing out on a shared computer)
                response.setHeader("Cache-Control", "no-store");
            }
            request.getRequestDispatcher(match.get().route().viewId()).forward(request, response);
        }
    }

    /**
     * A cart or checkout POST applied: the shop path to redirect to, or null (not one, or refused: the page renders).
     * A post carrying Faces view state is a postback of a Faces form, not one of these plain forms: Faces answers it
     * (an expired view gets its friendly page).
     */
    private String plainPost(Route route, HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())
                || request.getParameter(jakarta.faces.render.ResponseStateManager.VIEW_STATE_PARAM) != null) {
            return null;
        }
        return switch (route) {
            case CART -> cartActions.apply(request);
            case CHECKOUT -> checkoutActions.apply(request);
            default -> null;
        };
    }
}
