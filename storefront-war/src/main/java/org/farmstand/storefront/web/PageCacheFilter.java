package org.farmstand.storefront.web;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.farmstand.platform.cache.Caches;
import org.farmstand.platform.security.Tokens;

import javax.cache.Cache;
import java.io.ByteArrayOutputStream;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Page cache for anonymous catalog pages (home, product list/search/category, product): the HTML rendered by Faces
 * is kept in JCache under tenant, content version, URL (path and query) and language, so a repeated page costs no
 * Faces rendering. Runs on the router's forward to the view, after {@link TenantFilter} resolved the shop.
 * <ul>
 * <li>Only GETs of requests <em>without a session</em>: a session may hold a cart or a sign-in, which change the
 * header; those requests are rendered as before. Nothing here creates a session.</li>
 * <li>The per-visitor CSRF token is not part of the cached page: the page is stored split at the token, and each
 * response gets the token of its own {@code fs_csrf} cookie (a new token and cookie if it has none).</li>
 * <li>Invalidation is by key: a producer's change bumps the shop's content version, so the next request misses.
 * Entries are bounded in number and expire.</li>
 * <li>Only 200 answers are cached; not-found, redirects and errors pass through untouched.</li>
 * </ul>
 * Cached and freshly rendered answers carry the same headers: {@code Cache-Control: private, no-cache} (the page
 * contains the visitor's CSRF token: no shared cache may keep it), {@code Vary: Cookie} (language and token come from
 * cookies) and {@code X-Page-Cache: HIT|MISS}.
 */
@WebFilter(filterName = "PageCacheFilter", dispatcherTypes = DispatcherType.FORWARD,
        urlPatterns = {"/WEB-INF/views/home.xhtml", "/WEB-INF/views/products.xhtml", "/WEB-INF/views/product.xhtml"})
public class PageCacheFilter extends HttpFilter {

    static final Set<Route> CACHED_ROUTES = Set.of(Route.HOME, Route.PRODUCTS, Route.PRODUCT);
    /** Longer query strings are rendered, not cached (a flood of random queries cannot evict everything). */
    static final int MAX_QUERY_LENGTH = 256;
    static final String HEADER = "X-Page-Cache";
    private static final java.util.regex.Pattern TOKEN_FORMAT = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{16,128}");

    @Inject
    Caches caches;

    private Cache<PageKey, CachedPage> pages;

    @Override
    public void init() throws ServletException {
        pages = caches.get("storefront-pages", PageKey.class, CachedPage.class, 2_000, Duration.ofMinutes(10));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ShopRequest shop = ShopRequest.of(request);
        if (!"GET".equals(request.getMethod()) || shop == null || !CACHED_ROUTES.contains(shop.route())
                || request.getSession(false) != null) {
            chain.doFilter(request, response);
            return;
        }
        Object originalUri = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        String uri = originalUri instanceof String s ? s : request.getRequestURI();
        Object originalQuery = request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
        String query = originalQuery instanceof String s ? s : "";
        if (query.length() > MAX_QUERY_LENGTH) {
            chain.doFilter(request, response);
            return;
        }
        PageKey key = new PageKey(shop.tenant().id(), shop.tenant().contentVersion(), uri, query,
                Shop.resolveLocale(request, shop.tenant()).toLanguageTag());
        // the visitor's token goes into the page as it is sent: only a well-formed one (it is not HTML-escaped)
        String cookieToken = Csrf.fromCookie(request);
        if (cookieToken != null && !TOKEN_FORMAT.matcher(cookieToken).matches()) {
            cookieToken = null;
        }

        CachedPage page = pages.get(key);
        String state = "HIT";
        if (page == null) {
            // rendered with a throw-away token that only this rendering knows, then cut out of the page; never with
            // the visitor's cookie value (a crafted cookie could otherwise cut up a page that others get)
            String renderToken = Tokens.random(24);
            request.setAttribute(Csrf.RENDER_TOKEN_ATTRIBUTE, renderToken);
            Capture capture = new Capture(response);
            chain.doFilter(request, capture);
            if (capture.passedThrough()) {
                return;
            }
            page = capture.page(renderToken);
            if (page == null) {
                capture.writeTo(response);
                return;
            }
            pages.put(key, page);
            state = "MISS";
        }
        String token = cookieToken;
        if (page.usesToken() && token == null) {
            token = Tokens.random(24);
            response.addCookie(Csrf.cookie(token));
        }
        send(response, page, token, state);
    }

    private static void send(HttpServletResponse response, CachedPage page, String token, String state) throws IOException {
        byte[] tokenBytes = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
        long length = 0;
        for (byte[] part : page.parts()) {
            length += part.length;
        }
        length += (long) tokenBytes.length * (page.parts().length - 1);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(page.contentType());
        response.setHeader("Cache-Control", "private, no-cache");
        response.setHeader("Vary", "Cookie");
        response.setHeader(HEADER, state);
        response.setContentLengthLong(length);
        ServletOutputStream out = response.getOutputStream();
        for (int i = 0; i < page.parts().length; i++) {
            if (i > 0) {
                out.write(tokenBytes);
            }
            out.write(page.parts()[i]);
        }
    }

    /** Cache key: everything the HTML of an anonymous catalog page depends on. */
    record PageKey(long tenantId, long contentVersion, String uri, String query, String language) implements Serializable {
    }

    /** A rendered page as UTF-8 bytes, split where the visitor's CSRF token goes. */
    record CachedPage(String contentType, byte[][] parts) implements Serializable {

        boolean usesToken() {
            return parts.length > 1;
        }

        static CachedPage of(String html, String token, String contentType) {
            List<byte[]> parts = new ArrayList<>();
            int from = 0;
            int at;
            while (token != null && !token.isEmpty() && (at = html.indexOf(token, from)) >= 0) {
                parts.add(html.substring(from, at).getBytes(StandardCharsets.UTF_8));
                from = at + token.length();
            }
            parts.add(html.substring(from).getBytes(StandardCharsets.UTF_8));
            return new CachedPage(contentType, parts.toArray(byte[][]::new));
        }
    }

    /**
     * Buffers the body of a rendering and watches its status; errors and redirects go straight to the real
     * response (and are then not cached).
     */
    static final class Capture extends HttpServletResponseWrapper {

        private final CharArrayWriter chars = new CharArrayWriter(16 * 1024);
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private PrintWriter writer;
        private ServletOutputStream stream;
        private int status = SC_OK;
        private boolean passedThrough;

        Capture(HttpServletResponse response) {
            super(response);
        }

        boolean passedThrough() {
            return passedThrough;
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            passedThrough = true;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            passedThrough = true;
            super.sendError(sc);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            passedThrough = true;
            super.sendRedirect(location);
        }

        @Override
        public PrintWriter getWriter() {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() was already called");
            }
            if (writer == null) {
                writer = new PrintWriter(chars);
            }
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (writer != null) {
                throw new IllegalStateException("getWriter() was already called");
            }
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public void write(int b) {
                        bytes.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        bytes.write(b, off, len);
                    }
                };
            }
            return stream;
        }

        @Override
        public void flushBuffer() {
            // nothing is committed before the page is complete
        }

        @Override
        public void resetBuffer() {
            chars.reset();
            bytes.reset();
            super.resetBuffer();
        }

        @Override
        public void reset() {
            chars.reset();
            bytes.reset();
            status = SC_OK;
            super.reset();
        }

        @Override
        public void setContentLength(int len) {
            // the length is set when the page is sent
        }

        @Override
        public void setContentLengthLong(long len) {
        }

        private String text() {
            if (writer != null) {
                writer.flush();
                return chars.toString();
            }
            String encoding = getCharacterEncoding();
            return bytes.toString(encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding));
        }

        /** The page to cache, or null if this answer must not be cached. */
        CachedPage page(String token) {
            String contentType = getContentType();
            if (status != SC_OK || containsHeader("Location") || contentType == null
                    || !contentType.startsWith("text/html") || !"UTF-8".equalsIgnoreCase(getCharacterEncoding())) {
                return null;
            }
            return CachedPage.of(text(), token, contentType);
        }

        /** Writes what was rendered unchanged (an answer that is not cached). */
        void writeTo(HttpServletResponse response) throws IOException {
            if (writer != null) {
                writer.flush();
                response.getWriter().write(chars.toCharArray());
            } else if (bytes.size() > 0) {
                response.getOutputStream().write(bytes.toByteArray());
            }
        }
    }
}
