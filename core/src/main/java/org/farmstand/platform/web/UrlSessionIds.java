package org.farmstand.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Locale;

/**
 * Refuses a session id in the URL ({@code /s/shop/checkout;jsessionid=...}): sessions are tracked by cookie only
 * (web.xml's {@code tracking-mode COOKIE}), yet the container still takes an id from the path, so a link with a
 * planted id would fix a victim's session (fixation) and ids would leak through logs and Referer headers. Such a
 * request gets a bare 404 before anything else runs — no error page, which would run in the URL's session — and no
 * redirect to the path without the parameter ({@code //host;jsessionid=x} would become an open redirect). The id never
 * appears in URLs the application writes, so only crafted links meet this.
 *
 * <p>Declared first in both WARs' {@code web.xml}.
 */
public class UrlSessionIds extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.isRequestedSessionIdFromURL() || hasSessionPathParameter(request.getRequestURI())) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain;charset=UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write("Not found\n");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether a raw request URI carries a {@code ;jsessionid} path parameter (in any segment, any case). */
    static boolean hasSessionPathParameter(String uri) {
        return uri != null && uri.toLowerCase(Locale.ROOT).contains(";jsessionid");
    }
}
