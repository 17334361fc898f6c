package org.farmstand.storefront.checkout;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.farmstand.catalog.boundary.CatalogService;
import org.farmstand.customers.boundary.CustomerAuthService;
import org.farmstand.customers.boundary.CustomerAuthService.CustomerIdentity;
import org.farmstand.ordering.boundary.OrderService;
import org.farmstand.ordering.boundary.PlaceResult;
import org.farmstand.platform.security.Tokens;
import org.farmstand.storefront.cart.Cart;
import org.farmstand.storefront.cart.CartBacking;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;
import org.farmstand.tours.boundary.TourService;
import org.farmstand.tours.boundary.TourService.DateView;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Checkout: the signed-in customer picks a date of their home tour and confirms. The page carries a random
 * idempotency key (made when it renders) and the total the customer saw; a double click or a retry finds the first
 * order instead of creating a second.
 */
@Named
@RequestScoped
public class CheckoutBacking {

    @Inject
    CatalogService catalog;

    @Inject
    TourService tours;

    @Inject
    OrderService orders;

    @Inject
    CustomerAuthService customers;

    @Inject
    CartBacking cartBacking;

    @Inject
    Shop shop;

    private CustomerIdentity customer;
    private List<DateView> dates;
    private String key;
    private String error;
    private LocalDate nextDate;
    private Long selectedDateId;
    private Long fullDateId;
    private String errorProduct;
    private int errorRemaining;

    public void handle() {
        CustomerLogin login = Pages.login();
        if (login == null) {
            Pages.redirect(shop, "/account/login?next=checkout");
            return;
        }
        customer = customers.byId(login.customerId()).orElse(null);
        if (customer == null) {
            Pages.redirect(shop, "/account/login?next=checkout");
            return;
        }
        String posted = Pages.param("key");
        key = posted != null && posted.matches("[A-Za-z0-9_-]{16,64}") ? posted : Tokens.random(24);
        if (!Pages.isPost()) {
            return;
        }
        selectedDateId = Pages.longParam("tourDateId");
        Cart cart = Pages.cart();
        if (selectedDateId == null) {
            fail("checkout.error.noDate");
            return;
        }
        Map<Long, Integer> lines = cart == null ? Map.of() : cart.lines();
        Long expected = Pages.longParam("expectedTotal");
        PlaceResult result = orders.place(customer.id(), selectedDateId, lines, key, expected);
        if (result instanceof PlaceResult.Placed placed) {
            done(cart, placed.orderNumber());
        } else if (result instanceof PlaceResult.AlreadyPlaced again) {
            done(cart, again.orderNumber());
        } else if (result instanceof PlaceResult.Full full) {
            fullDateId = selectedDateId;
            nextDate = full.nextDate();
            selectedDateId = full.nextTourDateId();
            fail(full.nextDate() == null ? "checkout.error.fullNoNext" : "checkout.error.full");
        } else if (result instanceof PlaceResult.PastCutoff) {
            fail("checkout.error.pastCutoff");
        } else if (result instanceof PlaceResult.Invalid invalid) {
            fail(invalid.reasonKey());
        } else if (result instanceof PlaceResult.PricesChanged) {
            fail("checkout.error.pricesChanged");
        } else if (result instanceof PlaceResult.OutOfStock out) {
            // stock per tour date: name the product and what is left of it on the chosen date
            errorProduct = out.productName();
            errorRemaining = out.remaining();
            fail(out.remaining() > 0 ? "checkout.error.stockLeft" : "checkout.error.soldOut");
        }
    }

    private void done(Cart cart, String number) {
        if (cart != null) {
            cart.clear();
            HttpSession session = Pages.session(false);
            if (session != null) {
                session.setAttribute(Cart.attributeName(Pages.tenantId()), cart);
            }
        }
        Pages.redirect(shop, "/orders/" + number + "/confirmation");
    }

    private void fail(String key) {
        error = key;
        Pages.status(HttpServletResponse.SC_CONFLICT);
    }

    public CustomerIdentity getCustomer() {
        return customer;
    }

    public boolean isActive() {
        return customer != null && customer.active();
    }

    public List<DateView> getDates() {
        if (dates == null) {
            dates = customer == null || customer.homeTourId() == null ? List.of() : tours.upcomingDates(customer.homeTourId());
        }
        return dates;
    }

    public CartBacking getCart() {
        return cartBacking;
    }

    public String getKey() {
        return key;
    }

    public String getError() {
        return error;
    }

    /** Whether any upcoming date is full: the page offers those dates' waiting lists. */
    public boolean isFullDates() {
        return getDates().stream().anyMatch(DateView::full);
    }

    /** The date that was full on the last attempt: the page offers its waiting list. */
    public Long getFullDateId() {
        return fullDateId;
    }

    /** The product that is sold out (or short) on the chosen date after an OutOfStock answer. */
    public String getErrorProduct() {
        return errorProduct;
    }

    /** What is left of {@link #getErrorProduct()} on the chosen date. */
    public int getErrorRemaining() {
        return errorRemaining;
    }

    public LocalDate getNextDate() {
        return nextDate;
    }

    /** The date to preselect: the posted one (or the suggested next one after "full"), else the first orderable. */
    public Long getSelectedDateId() {
        if (selectedDateId != null) {
            return selectedDateId;
        }
        return getDates().stream().filter(DateView::orderable).findFirst().map(DateView::id).orElse(null);
    }
}
