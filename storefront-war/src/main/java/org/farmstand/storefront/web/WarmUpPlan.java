package org.farmstand.storefront.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the node's warm-up ({@link WarmUp}) asks its own storefront for, in rotation: for each of at most
 * {@link #MAX_SHOPS} shops the anonymous catalog pages a surge's visitors open first — shop home, product list, a
 * category, a product page, the sign-in page and a product image.
 * <p>
 * Every Faces page comes twice. Once as a visitor asks for it: the first request renders it into the node's page
 * cache, the next ones take the router's cached path, as most visitors will. And once with a query string longer than
 * the page cache takes ({@link PageCache#MAX_QUERY_LENGTH}, a parameter {@value #PADDING_PARAMETER} the pages ignore),
 * so Faces renders it every time without filling the cache: signed-in customers' pages (cart, checkout, catalog
 * pages with a session) are always rendered, and it is that code (Faces, EL, PrimeFaces' renderers) whose
 * compilation takes a fresh node minutes. Rendered and cached requests alternate, shops interleave.
 */
record WarmUpPlan(List<String> paths) {

    /** Enough to compile the shared code paths; more shops would only fill caches for shops that may not be busy. */
    static final int MAX_SHOPS = 3;
    static final String PADDING_PARAMETER = "warm-up";
    private static final String PADDING = PADDING_PARAMETER + "=" + "x".repeat(PageCache.MAX_QUERY_LENGTH);

    WarmUpPlan {
        paths = List.copyOf(paths);
    }

    /**
     * What the warm-up knows of a shop: its slug and, where the shop has them, the slug of a category and of a
     * product and the content hash of a product image (null when it has none).
     */
    record Shop(String slug, String category, String product, String imageHash) {
    }

    /** The rotation for these shops (the first {@link #MAX_SHOPS}) of a storefront at {@code contextPath}. */
    static WarmUpPlan of(String contextPath, List<Shop> shops) {
        List<List<String>> perShop = shops.stream().limit(MAX_SHOPS)
                .map(shop -> pages(contextPath + "/s/" + shop.slug(), shop))
                .toList();
        List<String> paths = new ArrayList<>();
        int longest = perShop.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<String> pages : perShop) {
                if (i < pages.size()) {
                    paths.add(pages.get(i));
                }
            }
        }
        return new WarmUpPlan(paths);
    }

    /** One shop's requests: each Faces page as a visitor asks for it, then rendered; the image last. */
    private static List<String> pages(String base, Shop shop) {
        List<String> faces = new ArrayList<>(List.of(base + "/", base + "/products"));
        if (shop.category() != null) {
            faces.add(base + "/products?category=" + URLEncoder.encode(shop.category(), StandardCharsets.UTF_8));
        }
        if (shop.product() != null) {
            faces.add(base + "/products/" + shop.product());
        }
        faces.add(base + "/account/login");
        List<String> pages = new ArrayList<>();
        for (String page : faces) {
            pages.add(page);
            pages.add(rendered(page));
        }
        if (shop.imageHash() != null) {
            pages.add(base + "/media/" + shop.imageHash() + "-thumb.jpg");
        }
        return pages;
    }

    /** The page with the padding parameter: too long a query for the page cache, so it is rendered each time. */
    static String rendered(String page) {
        return page + (page.contains("?") ? "&" : "?") + PADDING;
    }

    boolean isEmpty() {
        return paths.isEmpty();
    }

    /** The {@code n}-th request's path (0-based), in rotation. */
    String path(long n) {
        return paths.get((int) (n % paths.size()));
    }
}
