package org.farmstand.storefront.cart;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
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
 * (the first cart action starts the session) and redirects back; bad input re-renders the page with a message.
 */
@Named
@RequestScoped
public class CartBacking {

    static final Set<String> MESSAGES = Set.of("added", "updated", "removed");

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
    }

    public void handle() {
        if (!Pages.isPost()) {
            return;
        }
        String action = Pages.param("action");
        Long productId = Pages.longParam("productId");
        Integer quantity = Pages.intParam("quantity");
        if (action == null || !Set.of("add", "update", "remove").contains(action)) {
            fail("cart.error.action");
            return;
        }
        if (productId == null || productId <= 0) {
            fail("cart.error.product");
            return;
        }
        if ("remove".equals(action)) {
            Cart cart = Pages.cart();
            if (cart != null) {
                cart.remove(productId);
                touch(cart);
            }
            Pages.redirect(shop, "/cart?m=removed");
            return;
        }
        if (quantity == null || quantity < ("update".equals(action) ? 0 : 1) || quantity > Cart.MAX_QUANTITY) {
            fail("cart.error.quantity");
            return;
        }
        if (!(quantity == 0 && "update".equals(action))) {
            // the product must exist in this shop (the query is filtered by tenant) and be orderable
            ProductCard product = catalog.current(List.of(productId)).get(productId);
            if (product == null) {
                fail("cart.error.product");
                return;
            }
            if (!product.available()) {
                fail("cart.error.unavailable");
                return;
            }
        }
        HttpSession session = Pages.session(true);
        String name = Cart.attributeName(Pages.tenantId());
        Cart cart = (Cart) session.getAttribute(name);
        if (cart == null) {
            cart = new Cart();
        }
        boolean ok = "add".equals(action) ? cart.add(productId, quantity) : cart.set(productId, quantity);
        if (!ok) {
            fail("cart.error.full");
            return;
        }
        session.setAttribute(name, cart); // set again so a replicated session sees the change
        Pages.redirect(shop, "/cart?m=" + ("add".equals(action) ? "added" : quantity == 0 ? "removed" : "updated"));
    }

    private static void touch(Cart cart) {
        HttpSession session = Pages.session(false);
        if (session != null) {
            session.setAttribute(Cart.attributeName(Pages.tenantId()), cart);
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
        List<Line> result = new ArrayList<>();
        if (cart == null || cart.isEmpty()) {
            return result;
        }
        Map<Long, Integer> ordered = cart.orderedLines();
        Map<Long, ProductCard> current = catalog.current(ordered.keySet());
        ordered.forEach((id, qty) -> result.add(new Line(id, qty, current.get(id))));
        return result;
    }

    public boolean isCartEmpty() {
        return getLines().isEmpty();
    }

    public long getTotalCents() {
        return getLines().stream().mapToLong(Line::totalCents).sum();
    }

    public long getMinOrderCents() {
        return shop.getTenant().minOrderCents();
    }

    public boolean isBelowMinimum() {
        return getTotalCents() < getMinOrderCents();
    }

    public boolean isHasUnavailable() {
        return getLines().stream().anyMatch(l -> !l.available());
    }

    public boolean isCheckoutPossible() {
        return !isCartEmpty() && !isBelowMinimum() && !isHasUnavailable();
    }
}
