package org.farmstand.storefront.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.platform.security.Tokens;

import java.io.IOException;

/**
 * Rejects state-changing requests whose CSRF field does not match the CSRF cookie (see {@link Csrf}). Reading the field
 * parses the form, in UTF-8: web.xml's {@code request-character-encoding}.
 */
@WebFilter(filterName = "CsrfFilter", urlPatterns = "/*")
public class CsrfFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("POST".equals(request.getMethod())) {
            String cookie = Csrf.fromCookie(request);
            String field = request.getParameter(Csrf.FIELD);
            if (!Tokens.same(cookie, field)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
