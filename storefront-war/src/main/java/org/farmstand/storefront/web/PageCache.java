package org.farmstand.storefront.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.platform.cache.Caches;
import org.farmstand.platform.security.Tokens;

import javax.cache.Cache;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Page cache for anonymous catalog pages (home, product list/search/category, product) and the sign-in page (the
 * same form for every visitor without a session; in a surge the way to the checkout): the HTML rendered by Faces
 * is kept in JCache under tenant, content version, URL (path and query) and language, so a repeated page costs no
 * Faces rendering. {@link TenantFilter} sends a hit before it would forward to the view (JFR: the forward was 17 % of
 * a cached request's CPU); a miss is rendered and stored by {@link PageCacheFilter} on the forward.
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
@ApplicationScoped
public class PageCache {

    static final Set<Route> CACHED_ROUTES = Set.of(Route.HOME, Route.PRODUCTS, Route.PRODUCT, Route.LOGIN);
    /** Longer query strings are rendered, not cached (a flood of random queries cannot evict everything). */
    static final int MAX_QUERY_LENGTH = 256;
    static final String HEADER = "X-Page-Cache";
    /** Request attribute: the key of a page the router found missing, for {@link PageCacheFilter} to store it under. */
    static final String KEY_ATTRIBUTE = PageCache.class.getName() + ".key";
    private static final Pattern TOKEN_FORMAT = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    @Inject
    Caches caches;

    private Cache<PageKey, CachedPage> pages;

    @PostConstruct
    void init() {
        pages = caches.get("storefront-pages", PageKey.class, CachedPage.class, 2_000, Duration.ofMinutes(10));
    }

    /**
     * The cache key of this request's page, or null if the page is not one for the cache (not a GET, not a cached
     * route, a visitor with a session, an overlong query).
     *
     * @param uri   the URI the visitor asked for
     * @param query its query string, or null
     */
    PageKey keyOf(HttpServletRequest request, ShopRequest shop, String uri, String query) {
        if (!"GET".equals(request.getMethod()) || shop == null || !CACHED_ROUTES.contains(shop.route())
                || request.getSession(false) != null) {
            return null;
        }
        String q = query == null ? "" : query;
        if (q.length() > MAX_QUERY_LENGTH) {
            return null;
        }
        return new PageKey(shop.tenant().id(), shop.tenant().contentVersion(), uri, q,
                Shop.resolveLocale(request, shop.tenant()).toLanguageTag());
    }

    CachedPage get(PageKey key) {
        return pages.get(key);
    }

    void put(PageKey key, CachedPage page) {
        pages.put(key, page);
    }

    /**
     * Sends the cached page of {@code key} if there is one.
     *
     * @return whether it was sent; if not, the page has to be rendered
     */
    boolean sendHit(HttpServletRequest request, HttpServletResponse response, PageKey key) throws IOException {
        CachedPage page = pages.get(key);
        if (page == null) {
            return false;
        }
        send(request, response, page, "HIT");
        return true;
    }

    /** Sends a page with the visitor's CSRF token filled in (a new token and cookie if the visitor has none). */
    void send(HttpServletRequest request, HttpServletResponse response, CachedPage page, String state)
            throws IOException {
        // the visitor's token goes into the page as it is sent: only a well-formed one (it is not HTML-escaped)
        String token = Csrf.fromCookie(request);
        if (token != null && !TOKEN_FORMAT.matcher(token).matches()) {
            token = null;
        }
        if (page.usesToken() && token == null) {
            token = Tokens.random(24);
            response.addCookie(Csrf.cookie(token, request));
        }
        byte[] tokenBytes = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
        long length = 0;
        for (byte[] part : page.parts()) {
            length += part.length;
        }
        length += (long) tokenBytes.length * (page.parts().length - 1);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(page.contentType());
        response.setHeader("Cache-Control", "private, no-cache");
        response.setHeader("Vary", "Cookie, Accept-Language");
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
}
