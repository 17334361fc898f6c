package org.farmstand.storefront.checkout;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.catalog.boundary.CatalogService;
import org.farmstand.customers.boundary.CustomerAuthService;
import org.farmstand.customers.boundary.CustomerAuthService.CustomerIdentity;
import org.farmstand.storefront.cart.CartBacking;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;
import org.farmstand.tours.boundary.TourService;
import org.farmstand.tours.boundary.TourService.DateView;

import java.time.LocalDate;
import java.util.List;

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

    /**
     * Renders the checkout for the signed-in customer. A POST reaches the page only when {@link CheckoutActions}
     * did not place the order (the shop router redirects to the confirmation otherwise; a Faces postback runs no
     * view action): the page shows why, with
     * status 409 (503 with Retry-After when the placement gate was full), and keeps the posted key so that a second
     * attempt stays idempotent.
     */
    public void handle() {
        CustomerLogin login = Pages.login();
        customer = login == null ? null : customers.byId(login.customerId()).orElse(null);
        if (customer == null) {
            Pages.redirect(shop, CheckoutActions.SIGN_IN);
            return;
        }
        key = CheckoutActions.key(Pages.param("key"));
        CheckoutActions.Refusal refusal =
                (CheckoutActions.Refusal) Pages.request().getAttribute(CheckoutActions.REFUSAL_ATTRIBUTE);
        if (refusal == null) {
            return; // a GET (a Faces postback runs no view action)
        }
        if (refusal.newKey()) {
            key = CheckoutActions.key(null);
        }
        selectedDateId = refusal.selectedDateId();
        fullDateId = refusal.fullDateId();
        nextDate = refusal.nextDate();
        errorProduct = refusal.product();
        errorRemaining = refusal.remaining();
        if (CheckoutActions.BUSY.equals(refusal.error())) {
            error = refusal.error();
            Pages.busy();
            return;
        }
        fail(refusal.error());
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
