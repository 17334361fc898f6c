package org.farmstand.storefront.cart;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.farmstand.catalog.boundary.CatalogService;
import org.farmstand.storefront.web.Pages;

import java.util.Optional;
import java.util.Set;

/**
 * The cart's plain POST (action=add|update|remove, productId, quantity): changes the cart kept in the session (the
 * first cart action starts the session). The shop router calls it before any view is built, so a change that
 * succeeds costs no Faces request: {@link #apply} answers where to redirect. Bad input is left to the cart page,
 * which shows the message under {@link #ERROR_ATTRIBUTE} with status 400.
 */
@ApplicationScoped
public class CartActions {

    /** Request attribute: the message key of a refused cart change, for the cart page. */
    public static final String ERROR_ATTRIBUTE = "farmstand.cart.error";
    private static final Set<String> ACTIONS = Set.of("add", "update", "remove");

    @Inject
    CatalogService catalog;

    /**
     * Applies the posted change. Returns the shop path to redirect to, or null when it was refused: then the reason
     * is in {@link #ERROR_ATTRIBUTE} and nothing changed.
     */
    public String apply(HttpServletRequest request) {
        String action = Pages.param(request, "action");
        Long productId = Pages.longParam(request, "productId");
        Integer quantity = Pages.intParam(request, "quantity");
        if (action == null || !ACTIONS.contains(action)) {
            return refuse(request, "cart.error.action");
        }
        if (productId == null || productId <= 0) {
            return refuse(request, "cart.error.product");
        }
        if ("remove".equals(action)) {
            Cart cart = Pages.cart(request);
            if (cart != null) {
                cart.remove(productId);
                Pages.storeCart(request, cart);
            }
            return "/cart?m=removed";
        }
        if (quantity == null || quantity < ("update".equals(action) ? 0 : 1) || quantity > Cart.MAX_QUANTITY) {
            return refuse(request, "cart.error.quantity");
        }
        if (!(quantity == 0 && "update".equals(action))) {
            // the product must exist in this shop (the query is filtered by tenant) and be orderable
            Optional<Boolean> orderable = catalog.orderable(productId);
            if (orderable.isEmpty()) {
                return refuse(request, "cart.error.product");
            }
            if (!orderable.get()) {
                return refuse(request, "cart.error.unavailable");
            }
        }
        Cart cart = Pages.cart(request);
        if (cart == null) {
            cart = new Cart();
        }
        // adding to a line beyond the most a line holds fills it up, and says so (not "added")
        boolean capped = "add".equals(action)
                && cart.lines().getOrDefault(productId, 0) + quantity > Cart.MAX_QUANTITY;
        boolean ok = "add".equals(action) ? cart.add(productId, quantity) : cart.set(productId, quantity);
        if (!ok) {
            return refuse(request, "cart.error.full");
        }
        Pages.storeCart(request, cart);
        return "/cart?m=" + (capped ? "capped" : "add".equals(action) ? "added" : quantity == 0 ? "removed" : "updated");
    }

    private static String refuse(HttpServletRequest request, String key) {
        request.setAttribute(ERROR_ATTRIBUTE, key);
        return null;
    }
}
