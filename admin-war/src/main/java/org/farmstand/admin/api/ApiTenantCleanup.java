package org.farmstand.admin.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.platform.persistence.TenantContext;

import java.io.IOException;

/**
 * Makes sure the tenant that {@link ApiAuthFilter} put on the thread never outlives the request, even when JAX-RS'
 * response filters do not run (e.g. an error while writing the response). JAX-RS request properties are servlet
 * request attributes.
 */
@WebFilter(filterName = "ApiTenantCleanup", urlPatterns = "/api/*")
public class ApiTenantCleanup extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            close(request.getAttribute(ApiAuthFilter.TENANT_SCOPE));
        }
    }

    static void close(Object scope) {
        if (scope instanceof OnceScope once) {
            once.close();
        }
    }

    /** Restores the previous tenant once, however often it is closed. */
    static final class OnceScope {
        private final TenantContext.Scope scope;
        private boolean closed;

        OnceScope(TenantContext.Scope scope) {
            this.scope = scope;
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                scope.close();
            }
        }
    }
}
