package org.farmstand.storefront.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.catalog.boundary.CatalogService;
import org.farmstand.ordering.boundary.PlaceResult;
import org.farmstand.ordering.control.PlacementGate;
import org.farmstand.platform.web.Causes;
import org.farmstand.storefront.cart.Cart;
import org.farmstand.storefront.cart.CartBacking;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.storefront.checkout.CheckoutActions;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;
import org.farmstand.waitlist.boundary.WaitlistService;
import org.farmstand.waitlist.boundary.WaitlistService.EntryView;
import org.farmstand.waitlist.boundary.WaitlistService.JoinResult;
import org.farmstand.waitlist.control.WishedOrder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customer's waiting lists (/account/waitlist: join with the cart's lines, see the position, withdraw) and a
 * waiting-list offer (/offers/{token}: accept it as an order of the wished products that can still be ordered, or
 * decline it).
 */
@Named
@RequestScoped
public class WaitlistBacking {

    @Inject
    WaitlistService waitlist;

    @Inject
    Shop shop;

    @Inject
    CatalogService catalog;

    private CustomerLogin login;
    private List<EntryView> entries;
    private EntryView offer;
    private String error;
    private String errorProduct;
    private int errorRemaining;
    private String key;
    private List<CartBacking.Line> offerLines;

    /** /account/waitlist: GET lists, POST joins or withdraws. */
    public void handleList() {
        login = Pages.login();
        if (login == null) {
            Pages.redirect(shop, "/account/login?next=waitlist");
            return;
        }
        if (!Pages.isPost()) {
            return;
        }
        String action = Pages.param("action");
        if ("join".equals(action)) {
            Long dateId = Pages.longParam("tourDateId");
            Cart cart = Pages.cart();
            Map<Long, Integer> lines = cart == null ? Map.of() : cart.lines();
            JoinResult result = dateId == null ? new JoinResult.Invalid("order.invalid.tourDate")
                    : join(login.customerId(), dateId, lines);
            if (result instanceof JoinResult.Joined || result instanceof JoinResult.AlreadyWaiting) {
                Pages.redirect(shop, "/account/waitlist?m=joined");
            } else if (result instanceof JoinResult.NotFull) {
                fail("waitlist.error.notFull");
            } else if (result instanceof JoinResult.Invalid invalid) {
                fail(invalid.reasonKey());
            } else if (result instanceof JoinResult.Unavailable unavailable) {
                errorProduct = unavailable.productName();
                fail(unavailable.gone() ? "waitlist.error.productUnavailable" : "waitlist.error.productShort");
            }
        } else if ("withdraw".equals(action)) {
            Long entryId = Pages.longParam("entryId");
            if (entryId != null && waitlist.withdraw(login.customerId(), entryId)) {
                Pages.redirect(shop, "/account/waitlist?m=withdrawn");
            } else {
                fail("waitlist.error.notFound");
            }
        } else {
            fail("waitlist.error.unknownAction");
        }
    }

    /**
     * Joins a list; a twin of this request (a double click) that joined at the same moment makes this one's entry
     * fail on the one-live-entry key: asked again, the list answers "already waiting", as it does a moment later.
     */
    private JoinResult join(long customerId, long dateId, Map<Long, Integer> lines) {
        try {
            return waitlist.join(customerId, dateId, lines);
        } catch (RuntimeException e) {
            if (!Causes.causedBy(e, java.sql.SQLIntegrityConstraintViolationException.class)) {
                throw e;
            }
            return waitlist.join(customerId, dateId, lines);
        }
    }

    /** /offers/{token}: GET shows the offer, POST accepts it. */
    public void handleOffer() {
        login = Pages.login();
        String token = shop.getRequest().param("token");
        if (login == null) {
            Pages.redirect(shop, "/account/login?next=" + java.net.URLEncoder.encode("offers/" + token,
                    java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        Optional<EntryView> found = waitlist.offer(login.customerId(), token);
        if (found.isEmpty()) {
            Pages.notFound();
            return;
        }
        offer = found.get();
        key = CheckoutActions.key(Pages.param("key"));
        if (!Pages.isPost()) {
            return;
        }
        if (offer.status() == org.farmstand.waitlist.entity.WaitlistStatus.REMOVED) {
            // the farm took the customer off the list: nothing to accept or decline, say so (not "expired or used")
            fail("offer.removed");
            return;
        }
        if ("decline".equals(Pages.param("action"))) {
            decline(token);
            return;
        }
        PlaceResult result;
        try {
            result = waitlist.accept(login.customerId(), token, key, Pages.longParam("expectedTotal"));
        } catch (PlacementGate.Busy busy) {
            // no permit in time: nothing was taken, the offer and its held place stay; the page shows the same form
            // (the same key) to send again in a few seconds
            error = "waitlist.offer.busy";
            Pages.busy();
            return;
        }
        if (result instanceof PlaceResult.Placed placed) {
            Pages.redirect(shop, "/orders/" + placed.orderNumber() + "/confirmation");
        } else if (result instanceof PlaceResult.AlreadyPlaced placed) {
            Pages.redirect(shop, "/orders/" + placed.orderNumber() + "/confirmation");
        } else if (result instanceof PlaceResult.Invalid invalid) {
            fail(offerReason(invalid.reasonKey()));
        } else if (result instanceof PlaceResult.Unavailable) {
            fail("waitlist.offer.changed"); // (an offer's order leaves such products out: not expected here)
        } else if (result instanceof PlaceResult.PastCutoff) {
            fail("checkout.error.pastCutoff");
        } else if (result instanceof PlaceResult.PricesChanged) {
            // nothing was taken; the page shows the new prices and total to confirm
            fail("checkout.error.pricesChanged");
        } else if (result instanceof PlaceResult.OutOfStock out) {
            // nothing was taken; the offer (and the held place) stays open until it expires. Name the product and
            // what is left of it (on the date, or overall), as the checkout does
            errorProduct = out.productName();
            errorRemaining = out.remaining();
            fail(out.onDate() ? (out.remaining() > 0 ? "waitlist.offer.stockLeft" : "waitlist.offer.soldOut")
                    : out.remaining() > 0 ? "waitlist.offer.productStockLeft" : "waitlist.offer.productSoldOut");
        } else {
            fail("waitlist.offer.gone");
        }
    }

    /**
     * The offer is declined (the entry withdrawn): its held place goes to the next in line. A second click finds it
     * withdrawn already and gets the same answer; an offer accepted or expired meanwhile is gone.
     */
    private void decline(String token) {
        if (waitlist.withdraw(login.customerId(), offer.id())
                || waitlist.offer(login.customerId(), token).map(EntryView::status)
                        .filter(s -> s == org.farmstand.waitlist.entity.WaitlistStatus.WITHDRAWN).isPresent()) {
            Pages.redirect(shop, "/account/waitlist?m=declined");
        } else {
            offer = waitlist.offer(login.customerId(), token).orElse(offer);
            fail("waitlist.offer.gone");
        }
    }

    /**
     * A refusal of the placement in the offer's words: the reasons written for a cart ("a product in your cart") are
     * about the offer's products here; the offer's own reasons and the others pass as they are.
     */
    static String offerReason(String reasonKey) {
        return switch (reasonKey) {
            case "order.invalid.product", "order.invalid.unavailable", "order.invalid.empty",
                 "order.invalid.tooManyLines", "order.invalid.quantity" -> "waitlist.offer.changed";
            default -> reasonKey;
        };
    }

    private void fail(String messageKey) {
        error = messageKey;
        Pages.status(HttpServletResponse.SC_CONFLICT);
    }

    public List<EntryView> getEntries() {
        if (entries == null) {
            entries = login == null ? List.of() : waitlist.entriesOf(login.customerId());
        }
        return entries;
    }

    public EntryView getOffer() { return offer; }

    /** The offer's wished lines at today's prices: what accepting orders (the page sends their total along). */
    public List<CartBacking.Line> getOfferLines() {
        if (offerLines == null) {
            offerLines = offer == null ? List.of() : CartBacking.priced(WishedOrder.parse(offer.wishedOrder()), catalog);
        }
        return offerLines;
    }

    /** The offer's lines that can still be ordered: what accepting orders. */
    public List<CartBacking.Line> getOfferOrderedLines() {
        return getOfferLines().stream().filter(CartBacking.Line::available).toList();
    }

    /** The offer's lines of products that can no longer be ordered: accepting leaves them out. */
    public List<CartBacking.Line> getOfferLeftOutLines() {
        return getOfferLines().stream().filter(l -> !l.available()).toList();
    }

    /** What accepting orders costs (the lines left out count nothing). */
    public long getOfferTotalCents() {
        return CartBacking.total(getOfferLines());
    }

    public long getMinOrderCents() {
        return shop.getTenant().minOrderCents();
    }

    /** Whether accepting can place an order at all: something is left, at least the shop's minimum order. */
    public boolean isOfferOrderable() {
        return !getOfferOrderedLines().isEmpty() && getOfferTotalCents() >= getMinOrderCents();
    }
    public String getError() { return error; }
    /** The wished product that ran out on the offered date, after an OutOfStock answer (else null). */
    public String getErrorProduct() { return errorProduct; }
    /** What is left of {@link #getErrorProduct()} on the offered date. */
    public int getErrorRemaining() { return errorRemaining; }
    public String getKey() { return key; }
    public String getMessage() { return Pages.param("m"); }
}
