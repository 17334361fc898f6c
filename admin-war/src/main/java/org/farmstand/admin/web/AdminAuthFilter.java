package org.farmstand.admin.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.audit.boundary.Actor;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tenancy.boundary.StaffAccess;
import org.farmstand.tenancy.boundary.StaffPrincipal;
import org.farmstand.tenancy.boundary.StaffSessions;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;

import java.io.IOException;

/**
 * Every admin page needs a signed-in staff member; the tenant of the request is the staff member's tenant — never a
 * request parameter. Hoster pages (/hoster/...) need the hoster role, shop pages a shop role, the owner's pages (staff
 * users, audit log, settings, API tokens) the owner role (403 otherwise). The account is re-read on every request: a
 * deactivated user, or one whose password was changed since the session signed in ({@link StaffSessions}), is signed
 * out at their next request and a changed role applies at once. The signed-in user is also the thread's audit
 * {@link Actor}, and their role the thread's {@link StaffAccess}, which the owner's and the hoster's services check
 * once more. Its redirects keep their path: {@link org.farmstand.platform.web.RelativeRedirects} is mapped before it
 * (web.xml).
 */
@WebFilter(filterName = "AdminAuthFilter", urlPatterns = "/*")
public class AdminAuthFilter extends HttpFilter {

    @Inject
    TenantService tenants;

    @Inject
    StaffSessions sessions;

    /**
     * Pages only a shop's owner may open ({@link org.farmstand.tenancy.boundary.StaffRight}): staff accounts, the
     * audit log, the shop's settings and API tokens. Staff get 403 (the page says the owner can do this).
     */
    static boolean ownerPath(String path) {
        for (String area : new String[]{"/staff", "/audit", "/settings"}) {
            if (path.equals(area) || path.startsWith(area + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The path within the admin that the container mapped the request to: decoded, without dot segments, doubled
     * slashes or path parameters — the page that will answer. The checks below judge this path, never the raw
     * request URI, which spells the same page past any prefix test ({@code /api/../hoster/tenants},
     * {@code /%73taff/list}, {@code /audit%2Flist}).
     */
    static String mappedPath(HttpServletRequest request) {
        String servlet = request.getServletPath();
        String info = request.getPathInfo();
        if ("/faces".equals(servlet) && info != null) {
            // web.xml maps Faces to *.xhtml only, so no request has this servlet path any more (/faces/... is a 404);
            // kept in case a prefix mapping comes back: /faces/audit/list.xhtml would be the page /audit/list.xhtml
            return info;
        }
        return servlet + (info == null ? "" : info);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = mappedPath(request);
        if (path.equals("/login") || path.equals("/login.xhtml") || path.equals("/password")
                || path.equals("/password.xhtml") || path.startsWith("/jakarta.faces.resource/")
                || path.startsWith("/resources/") || path.startsWith("/api/") || path.equals("/health")
                || path.startsWith("/health/")) {
            chain.doFilter(request, response);
            return;
        }
        StaffPrincipal principal = AdminSession.principal(request);
        if (principal != null) {
            // a deactivated account, or a new password since this sign-in, ends the session at its next request; a
            // changed role applies at once
            StaffPrincipal current = sessions.current(principal, AdminSession.credentialStamp(request)).orElse(null);
            if (current == null) {
                AdminSession.signOut(request);
            } else if (!current.equals(principal)) {
                request.getSession().setAttribute(AdminSession.ATTRIBUTE, current);
            }
            principal = current;
        }
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
        // a signed-in staff member's page (customers' addresses, orders) is kept by no cache, not even the browser's
        response.setHeader("Cache-Control", "no-store");
        boolean hosterPath = path.startsWith("/hoster");
        if (hosterPath != principal.hoster()) {
            response.sendRedirect(request.getContextPath() + (principal.hoster() ? "/hoster/tenants" : "/"));
            return;
        }
        if (principal.tenantId() == null) {
            // the hoster: no tenant of their own; HosterService writes their changes into the affected shop's log
            try (TenantContext.Scope ignored = Actor.enter(new Actor(principal.userId(), principal.email()));
                 TenantContext.Scope role = StaffAccess.enter(principal.role())) {
                chain.doFilter(request, response);
            }
            return;
        }
        // a shop suspended by the hoster ends its staff's sessions at their next request
        if (!tenants.byId(principal.tenantId()).map(TenantInfo::active).orElse(false)) {
            AdminSession.signOut(request);
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        if (ownerPath(path) && !principal.owner()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        try (TenantContext.Scope ignored = TenantContext.enter(principal.tenantId());
             TenantContext.Scope alsoIgnored = Actor.enter(new Actor(principal.userId(), principal.email()));
             TenantContext.Scope role = StaffAccess.enter(principal.role())) {
            chain.doFilter(request, response);
        }
    }
}
