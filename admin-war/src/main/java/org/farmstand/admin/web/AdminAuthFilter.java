package org.farmstand.admin.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tenancy.boundary.StaffPrincipal;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;

import java.io.IOException;

/**
 * Every admin page needs a signed-in staff member; the tenant of the request is the staff member's tenant — never
 * a request parameter. Hoster pages (/hoster/...) need the hoster role, shop pages a shop role.
 */
@WebFilter(filterName = "AdminAuthFilter", urlPatterns = "/*")
public class AdminAuthFilter extends HttpFilter {

    @Inject
    TenantService tenants;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/login") || path.equals("/login.xhtml") || path.startsWith("/jakarta.faces.resource/")
                || path.startsWith("/resources/") || path.startsWith("/api/") || path.equals("/health")
                || path.startsWith("/health/")) {
            chain.doFilter(request, response);
            return;
        }
        StaffPrincipal principal = AdminSession.principal(request);
        if (principal == null) {
            if ("POST".equals(request.getMethod()) && "partial/ajax".equals(request.getHeader("Faces-Request"))) {
                response.setContentType("text/xml");
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                        + request.getContextPath() + "/login\"/></partial-response>");
                return;
            }
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        boolean hosterPath = path.startsWith("/hoster");
        if (hosterPath != principal.hoster()) {
            response.sendRedirect(request.getContextPath() + (principal.hoster() ? "/hoster/tenants" : "/"));
            return;
        }
        if (principal.tenantId() == null) {
            chain.doFilter(request, response);
            return;
        }
        // a shop suspended by the hoster ends its staff's sessions at their next request
        if (!tenants.byId(principal.tenantId()).map(TenantInfo::active).orElse(false)) {
            AdminSession.signOut(request);
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        try (TenantContext.Scope ignored = TenantContext.enter(principal.tenantId())) {
            chain.doFilter(request, response);
        }
    }
}
