package org.farmstand.storefront.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's URL scheme: pretty paths below {@code /s/{slug}} (or below a shop's own domain) and the views they show.
 * Path segments in braces become request attributes ("path.name").
 */
public enum Route {
    HOME("/", "home"),
    PRODUCTS("/products", "products"),
    PRODUCT("/products/{product}", "product"),
    DELIVERY("/delivery", "delivery", true),
    CART("/cart", "cart"),
    CHECKOUT("/checkout", "checkout", true),
    CONFIRMATION("/orders/{number}/confirmation", "confirmation", true),
    LOGIN("/account/login", "account/login"),
    LOGOUT("/account/logout", "account/logout"),
    REGISTER("/account/register", "account/register"),
    VERIFY("/account/verify", "account/verify"),
    FORGOT("/account/forgot", "account/forgot"),
    RESET("/account/reset", "account/reset"),
    PROFILE("/account/profile", "account/profile", true),
    PASSWORD("/account/password", "account/password", true),
    EMAIL("/account/email", "account/email", true),
    // the link mailed to the new address: opened on any device, signed in or not (the token is the proof)
    EMAIL_CONFIRM("/account/email/confirm", "account/emailConfirm"),
    ORDERS("/account/orders", "account/orders", true),
    ORDER("/account/orders/{number}", "account/order", true),
    WAITLIST("/account/waitlist", "account/waitlist", true),
    OFFER("/offers/{token}", "offer", true);

    private final String pattern;
    private final String[] segments;
    private final String view;
    private final boolean forCustomer;

    Route(String pattern, String view) {
        this(pattern, view, false);
    }

    Route(String pattern, String view, boolean forCustomer) {
        this.pattern = pattern;
        this.segments = pattern.equals("/") ? new String[0] : pattern.substring(1).split("/");
        this.view = view;
        this.forCustomer = forCustomer;
    }

    /**
     * Whether the page reads or acts for the signed-in customer (account pages, checkout, waiting-list offers): there
     * the router checks that the session's sign-in is still valid ({@link CustomerSessions}).
     */
    public boolean forCustomer() {
        return forCustomer;
    }

    public String pattern() {
        return pattern;
    }

    /** The Faces view id this route renders. */
    public String viewId() {
        return "/WEB-INF/views/" + view + ".xhtml";
    }

    public record Match(Route route, Map<String, String> params) {
    }

    /** The path without leading and trailing slashes (no regular expression: this runs on every shop request). */
    static String trimSlashes(String path) {
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) == '/') {
            from++;
        }
        while (to > from && path.charAt(to - 1) == '/') {
            to--;
        }
        return path.substring(from, to);
    }

    public static Optional<Match> match(String path) {
        String trimmed = path == null ? "" : trimSlashes(path);
        String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("/");
        for (Route route : values()) {
            if (route.segments.length != parts.length) {
                continue;
            }
            Map<String, String> params = new java.util.HashMap<>();
            boolean ok = true;
            for (int i = 0; i < parts.length && ok; i++) {
                String segment = route.segments[i];
                if (segment.startsWith("{")) {
                    if (!parts[i].matches("[A-Za-z0-9_.-]{1,128}")) {
                        ok = false;
                    } else {
                        params.put(segment.substring(1, segment.length() - 1), parts[i]);
                    }
                } else {
                    ok = segment.equals(parts[i]);
                }
            }
            if (ok) {
                return Optional.of(new Match(route, Map.copyOf(params)));
            }
        }
        return Optional.empty();
    }

    public static Optional<Route> byViewId(String viewId) {
        for (Route route : values()) {
            if (route.viewId().equals(viewId)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /** The path of this route with its parameters filled in (values in order of appearance). */
    public String path(Object... values) {
        List<Object> remaining = new java.util.ArrayList<>(List.of(values));
        StringBuilder sb = new StringBuilder();
        for (String segment : segments) {
            sb.append('/');
            if (segment.startsWith("{")) {
                sb.append(remaining.remove(0));
            } else {
                sb.append(segment);
            }
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }
}
