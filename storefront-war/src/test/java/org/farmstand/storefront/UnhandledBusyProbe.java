package org.farmstand.storefront;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.ordering.boundary.OrderService;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.storefront.web.ShopRequest;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;

import java.io.IOException;
import java.util.Map;

/**
 * Test-only Faces action deployed with StorefrontIT: {@code /_test/unhandled-busy?shop=&customer=&date=&product=&key=}
 * renders a view whose view action places an order of six of the product (above the demo shop's minimum order) through
 * OrderService, as a shop page would, but without catching PlacementGate.Busy: what a future action that forgets it
 * does. The page shows the placement's result. The servlet sets the shop's tenant and request as the shop router
 * does for its pages.
 */
@WebServlet("/_test/unhandled-busy")
public class UnhandledBusyProbe extends HttpServlet {

    static final String VIEW = "/WEB-INF/views/_test/unhandled-busy.xhtml";

    @Inject
    TenantService tenants;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        TenantInfo tenant = tenants.bySlug(request.getParameter("shop")).orElseThrow();
        request.setAttribute(ShopRequest.ATTRIBUTE, new ShopRequest(tenant,
                request.getContextPath() + "/s/" + tenant.slug(), null, Map.of()));
        try (TenantContext.Scope ignored = TenantContext.enter(tenant.id())) {
            request.getRequestDispatcher(VIEW).forward(request, response);
        }
    }

    /** The view's action. */
    @Named("unhandledBusyAction")
    @RequestScoped
    public static class Action {

        @Inject
        OrderService orders;

        @Inject
        HttpServletRequest request;

        private Object result;

        public void place() {
            result = orders.place(Long.parseLong(request.getParameter("customer")), Long.parseLong(request.getParameter("date")),
                    Map.of(Long.parseLong(request.getParameter("product")), 6), request.getParameter("key"));
        }

        public Object getResult() {
            return result;
        }
    }
}
