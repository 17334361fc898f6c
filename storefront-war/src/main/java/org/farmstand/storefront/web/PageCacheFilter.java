package org.farmstand.storefront.web;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.farmstand.platform.security.Tokens;

import java.io.ByteArrayOutputStream;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The rendering half of the page cache ({@link PageCache}): on the router's forward to a cacheable view it renders
 * the page through Faces once, with a throw-away CSRF token, stores it under the key {@link TenantFilter} found
 * missing and sends it to the visitor. Hits never get here: the router sends them before it would forward.
 */
@WebFilter(filterName = "PageCacheFilter", dispatcherTypes = DispatcherType.FORWARD,
        urlPatterns = {"/WEB-INF/views/home.xhtml", "/WEB-INF/views/products.xhtml", "/WEB-INF/views/product.xhtml",
                "/WEB-INF/views/account/login.xhtml"})
public class PageCacheFilter extends HttpFilter {

    @Inject
    PageCache cache;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // the key the router computed when it found the page missing; none: not a page for the cache
        PageCache.PageKey key = (PageCache.PageKey) request.getAttribute(PageCache.KEY_ATTRIBUTE);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        PageCache.CachedPage page = cache.get(key); // another request may have stored it meanwhile
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
            cache.put(key, page);
            state = "MISS";
        }
        cache.send(request, response, page, state);
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
        PageCache.CachedPage page(String token) {
            String contentType = getContentType();
            if (status != SC_OK || containsHeader("Location") || contentType == null
                    || !contentType.startsWith("text/html") || !"UTF-8".equalsIgnoreCase(getCharacterEncoding())) {
                return null;
            }
            return PageCache.CachedPage.of(text(), token, contentType);
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
