package org.farmstand.storefront.checkout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.farmstand.ordering.boundary.OrderService;
import org.farmstand.ordering.boundary.OrderView;
import org.farmstand.ordering.boundary.PlaceResult;
import org.farmstand.ordering.control.PlacementGate;
import org.farmstand.platform.security.Tokens;
import org.farmstand.storefront.cart.Cart;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.storefront.web.Pages;

import java.time.LocalDate;
import java.util.Map;

/**
 * The checkout's POST (key, expectedTotal, tourDateId): places the order of the signed-in customer's cart. The shop
 * router calls it before any view is built, so an order that is placed costs no Faces request: {@link #apply}
 * answers where to redirect (the confirmation, or the sign-in). Anything else is left to the checkout page, which
 * shows the {@link Refusal} under {@link #REFUSAL_ATTRIBUTE} with status 409 (503 with Retry-After when the placement
 * gate was full: {@link #BUSY}).
 */
@ApplicationScoped
public class CheckoutActions {

    /** Request attribute: why the order was not placed, for the checkout page. */
    public static final String REFUSAL_ATTRIBUTE = "farmstand.checkout.refusal";
    static final String SIGN_IN = "/account/login?next=checkout";
    /** The refusal's message when the placement gate had no permit in time: answered with 503, not 409. */
    static final String BUSY = "checkout.error.busy";

    @Inject
    OrderService orders;

    /**
     * Why an order was not placed: the message key, the date to preselect next (the posted one, or the suggested
     * next one after "full"), the full date whose waiting list the page offers, the product short on the date, and
     * whether the posted key is used up (the page then needs a new one).
     */
    public record Refusal(String error, Long selectedDateId, Long fullDateId, LocalDate nextDate, String product,
                          int remaining, boolean newKey) {
        static Refusal of(String error, Long selectedDateId) {
            return new Refusal(error, selectedDateId, null, null, null, 0, false);
        }
    }

    /** The key a checkout (or offer) form carries: the posted one when it is well-formed, else a new one. */
    public static String key(String posted) {
        return posted != null && posted.matches("[A-Za-z0-9_-]{16,64}") ? posted : Tokens.random(24);
    }

    /**
     * Places the posted order. Returns the shop path to redirect to, or null when it was not placed: then the
     * {@link Refusal} is in {@link #REFUSAL_ATTRIBUTE}.
     */
    public String apply(HttpServletRequest request) {
        CustomerLogin login = Pages.login(request);
        if (login == null) {
            return SIGN_IN;
        }
        // the customer is not read here: the placement reads and checks them (a customer deleted since the sign-in
        // gets order.invalid.customer, and the checkout page then sends them to the sign-in)
        String key = key(Pages.param(request, "key"));
        Long dateId = Pages.longParam(request, "tourDateId");
        if (dateId == null) {
            return refuse(request, Refusal.of("checkout.error.noDate", null));
        }
        // the page always sends the total it showed; without it (or garbled) the order is not placed blind: the page
        // shows the current total to confirm again
        Long expectedTotal = Pages.longParam(request, "expectedTotal");
        if (expectedTotal == null) {
            return refuse(request, Refusal.of("checkout.error.confirmTotal", dateId));
        }
        Cart cart = Pages.cart(request);
        Map<Long, Integer> lines = cart == null ? Map.of() : cart.lines();
        PlaceResult result;
        try {
            result = orders.place(login.customerId(), dateId, lines, key, expectedTotal);
        } catch (PlacementGate.Busy busy) {
            // no permit in time: nothing was ordered, the cart is kept; the page shows the same form (the same key,
            // the same date) with 503 and Retry-After, to send again in a few seconds
            return refuse(request, Refusal.of(BUSY, dateId));
        }
        if (result instanceof PlaceResult.Placed placed) {
            return done(request, cart, placed.orderNumber());
        } else if (result instanceof PlaceResult.AlreadyPlaced again) {
            // the same checkout sent twice (a double click, a retry after a lost answer) gets its order; a checkout
            // page sent again later with another cart (back to an old page) must not pass that cart off as ordered
            // and empty it: the cart stays, and the page asks to order again with a new key
            if (!lines.isEmpty() && !lines.equals(orderedLines(login.customerId(), again.orderNumber()))) {
                return refuse(request, new Refusal("checkout.error.alreadyUsed", dateId, null, null, null, 0, true));
            }
            return done(request, cart, again.orderNumber());
        } else if (result instanceof PlaceResult.Full full) {
            return refuse(request, new Refusal(full.nextDate() == null ? "checkout.error.fullNoNext"
                    : "checkout.error.full", full.nextTourDateId(), dateId, full.nextDate(), null, 0, false));
        } else if (result instanceof PlaceResult.PastCutoff) {
            return refuse(request, Refusal.of("checkout.error.pastCutoff", dateId));
        } else if (result instanceof PlaceResult.Unavailable gone) {
            // a product the farm deactivated since it was put in the cart: name it, as the stock refusals do
            return refuse(request, new Refusal("checkout.error.productUnavailable", dateId, null, null,
                    gone.productName(), 0, false));
        } else if (result instanceof PlaceResult.Invalid invalid) {
            return refuse(request, Refusal.of(invalid.reasonKey(), dateId));
        } else if (result instanceof PlaceResult.PricesChanged) {
            // another total than the page showed: the cart changed since (in another tab), or the prices did
            String shown = Pages.param(request, "expectedCart");
            boolean cartChanged = shown != null && !shown.equals(cartContent(lines));
            return refuse(request, Refusal.of(cartChanged ? "checkout.error.cartChanged" : "checkout.error.pricesChanged",
                    dateId));
        } else if (result instanceof PlaceResult.OutOfStock out) {
            // the stock per tour date ("for this delivery date") or the product's overall stock (sold out on every
            // date): name the product and what is left of it
            String reason = out.onDate() ? (out.remaining() > 0 ? "checkout.error.stockLeft" : "checkout.error.soldOut")
                    : out.remaining() > 0 ? "checkout.error.productStockLeft" : "checkout.error.productSoldOut";
            return refuse(request, new Refusal(reason, dateId, null, null, out.productName(), out.remaining(), false));
        }
        throw new IllegalStateException("Unknown result " + result);
    }

    /**
     * The cart's content as the checkout form carries it ({@code expectedCart}): "productId:quantity" by product id,
     * comma-separated; whatever order the cart keeps its lines in.
     */
    static String cartContent(Map<Long, Integer> lines) {
        StringBuilder content = new StringBuilder();
        new java.util.TreeMap<>(lines).forEach((id, quantity) ->
                content.append(content.isEmpty() ? "" : ",").append(id).append(':').append(quantity));
        return content.toString();
    }

    /** The quantities per product of the customer's order {@code number} (empty if there is none). */
    private Map<Long, Integer> orderedLines(long customerId, String number) {
        return orders.order(customerId, number).map(o -> o.lines().stream().collect(java.util.stream.Collectors.toMap(
                OrderView.Line::productId, OrderView.Line::quantity, Integer::sum))).orElse(Map.of());
    }

    private static String done(HttpServletRequest request, Cart cart, String number) {
        if (cart != null) {
            cart.clear();
            Pages.storeCart(request, cart);
        }
        return "/orders/" + number + "/confirmation";
    }

    private static String refuse(HttpServletRequest request, Refusal refusal) {
        request.setAttribute(REFUSAL_ATTRIBUTE, refusal);
        return null;
    }
}
