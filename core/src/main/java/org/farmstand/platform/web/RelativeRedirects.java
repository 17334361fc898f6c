package org.farmstand.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;

/**
 * Redirects keep the location they were given ({@code /admin/login}) instead of the container's absolute URL, which it
 * builds from the request's Host header — a value the client chooses, so a forged Host made a redirect point to
 * another site (and a cache in front could keep that). Browsers resolve a path against the address they asked for.
 * Covers {@code sendRedirect} of the application and of Faces ({@code ExternalContext.redirect}, navigation with
 * {@code faces-redirect}).
 *
 * <p>Declared in the admin's {@code web.xml}, before the sign-in filter.
 */
public class RelativeRedirects extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, new Relative(response));
    }

    /** A response whose {@code sendRedirect} sets the location as given (a 302, like the container's). */
    static final class Relative extends HttpServletResponseWrapper {

        Relative(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            if (isCommitted()) {
                throw new IllegalStateException("response already committed");
            }
            resetBuffer();
            setStatus(SC_FOUND);
            setHeader("Location", location);
            flushBuffer();
        }
    }
}
