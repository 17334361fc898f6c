package org.farmstand.storefront.cart;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.catalog.boundary.CatalogService;
import org.farmstand.catalog.boundary.ProductCard;
import org.farmstand.catalog.entity.Unit;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cart page. A plain POST (action=add|update|remove, productId, quantity) changes the cart kept in the session
 * and redirects back ({@link CartActions}, called by the shop router); bad input re-renders the page with a message.
 */
@Named
@RequestScoped
public class CartBacking {

    static final Set<String> MESSAGES = Set.of("added", "updated", "removed", "capped");

    @Inject
    CatalogService catalog;

    @Inject
    Shop shop;

    private String error;
    private List<Line> lines;

    /** A cart line with current product data; {@code product} null when the product is gone. */
    public record Line(long productId, int quantity, ProductCard product) {
        public boolean available() {
            return product != null && product.available();
        }

        public String name() {
            return product == null ? "#" + productId : product.name();
        }

        public Unit unit() {
            return product == null ? null : product.unit();
        }

        public long unitPriceCents() {
            return product == null ? 0 : product.priceCents();
        }

        public long totalCents() {
            return available() ? product.priceCents() * quantity : 0;
        }

        /** Sold by weight (priced per kg, charged by what it weighs when packed): its amount is an estimate. */
        public boolean estimated() {
            return product != null && product.soldByWeight();
        }
    }

    /**
     * A POST reaches the page only when {@link CartActions} refused it (the shop router applies the change and
     * redirects otherwise; a Faces postback runs no view action): the page shows why, with status 400.
     */
    public void handle() {
        String refused = (String) Pages.request().getAttribute(CartActions.ERROR_ATTRIBUTE);
        if (refused != null) {
            fail(refused);
        }
    }

    private void fail(String key) {
        error = key;
        Pages.status(HttpServletResponse.SC_BAD_REQUEST);
    }

    public String getError() {
        return error;
    }

    /** Success message key from the redirect, if it is one of ours. */
    public String getMessage() {
        String m = Pages.param("m");
        return m != null && MESSAGES.contains(m) ? "cart.msg." + m : null;
    }

    public List<Line> getLines() {
        if (lines == null) {
            lines = linesOf(Pages.cart(), catalog);
        }
        return lines;
    }

    static List<Line> linesOf(Cart cart, CatalogService catalog) {
        return cart == null || cart.isEmpty() ? new ArrayList<>() : priced(cart.orderedLines(), catalog);
    }

    /** Lines of these quantities per product with the products' current data and prices (also a wished order's). */
    public static List<Line> priced(Map<Long, Integer> ordered, CatalogService catalog) {
        List<Line> result = new ArrayList<>();
        if (ordered.isEmpty()) {
            return result;
        }
        Map<Long, ProductCard> current = catalog.current(ordered.keySet());
        ordered.forEach((id, qty) -> result.add(new Line(id, qty, current.get(id))));
        return result;
    }

    public boolean isCartEmpty() {
        return getLines().isEmpty();
    }

    public long getTotalCents() {
        return total(getLines());
    }

    /** What the lines cost together (unavailable ones count nothing). */
    public static long total(List<Line> lines) {
        return lines.stream().mapToLong(Line::totalCents).sum();
    }

    public long getMinOrderCents() {
        return shop.getTenant().minOrderCents();
    }

    public boolean isBelowMinimum() {
        return getTotalCents() < getMinOrderCents();
    }

    /** Whether the total holds a line sold by weight, i.e. is an estimate until packed. */
    public boolean isEstimated() {
        return getLines().stream().anyMatch(l -> l.available() && l.estimated());
    }

    public boolean isHasUnavailable() {
        return getLines().stream().anyMatch(l -> !l.available());
    }

    /** The names of the products no longer available, for the checkout's message ("Möhren, Lauch"). */
    public String getUnavailableNames() {
        return String.join(", ", getLines().stream().filter(l -> !l.available()).map(Line::name).toList());
    }

    public boolean isCheckoutPossible() {
        return !isCartEmpty() && !isBelowMinimum() && !isHasUnavailable();
    }
}
