package org.farmstand.storefront.checkout;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.catalog.boundary.CatalogService;
import org.farmstand.customers.boundary.CustomerAuthService;
import org.farmstand.customers.boundary.CustomerAuthService.CustomerIdentity;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.storefront.cart.CartBacking;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;
import org.farmstand.tours.boundary.TourService;
import org.farmstand.tours.boundary.TourService.DateView;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Checkout: the signed-in customer picks a date of their home tour and confirms. The page carries a random
 * idempotency key (made when it renders) and the total the customer saw; a double click or a retry finds the first
 * order instead of creating a second.
 */
@Named
@RequestScoped
public class CheckoutBacking {

    /**
     * One date to choose, with its texts and attributes made here rather than in the page: the dates' loop was most of
     * the checkout page's rendering (about twenty expressions per date, each through the whole EL resolver chain), and
     * the page is rendered once for every order.
     *
     * @param cssClass the option's classes ("disabled" added for a date that cannot be ordered)
     * @param disabled "disabled" or null (no attribute)
     * @param checked  "checked" or null (no attribute)
     * @param date     the date as the page shows it
     * @param tourName its tour's name (the shop's text: the page marks its language)
     * @param state    after the dash: " 3 places left, order by …", " fully booked" …
     */
    public record DateOption(long id, String cssClass, String disabled, String checked, String date, String tourName,
                             String state) {

        /** The whole label as it reads: "Tue 4 Feb 2027 (Dienstag Nord) – 3 places left, …". */
        public String label() {
            return date + " (" + tourName + ") –" + state;
        }
    }

    /** "{0} places left" parsed once per text and locale (MessageFormat is not thread-safe: a clone per use). */
    private static final ConcurrentMap<String, MessageFormat> PLACES_LEFT = new ConcurrentHashMap<>();

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
    private Boolean tourInactive;
    private List<DateOption> dateOptions;
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

    /** Why an inactive customer cannot order (bundle key): blocked, rejected, or not activated yet. */
    public String getNotActiveKey() {
        CustomerStatus status = customer == null ? null : customer.status();
        return status == CustomerStatus.BLOCKED ? "checkout.blocked"
                : status == CustomerStatus.REJECTED ? "checkout.rejected" : "checkout.notActive";
    }

    public List<DateView> getDates() {
        if (dates == null) {
            // a deactivated tour's dates are not offered (the page says why)
            Optional<List<DateView>> upcoming = customer == null || customer.homeTourId() == null ? Optional.of(List.of())
                    : tours.upcomingDatesIfTakingOrders(customer.homeTourId());
            tourInactive = upcoming.isEmpty();
            dates = upcoming.orElse(List.of());
        }
        return dates;
    }

    /** Whether the customer's home tour is deactivated: it takes no orders at the moment. */
    public boolean isTourInactive() {
        getDates();
        return tourInactive;
    }

    /** The upcoming dates as the page offers them (see {@link DateOption}). */
    public List<DateOption> getDateOptions() {
        if (dateOptions == null) {
            dateOptions = dateOptions(getDates(), getSelectedDateId(), Pages.texts(), shop.getFormatLocale());
        }
        return dateOptions;
    }

    static List<DateOption> dateOptions(List<DateView> dates, Long selected, ResourceBundle texts, Locale locale) {
        List<DateOption> options = new ArrayList<>(dates.size());
        for (DateView d : dates) {
            StringBuilder state = new StringBuilder();
            if (d.orderable()) {
                String pattern = texts.getString("checkout.placesLeft");
                MessageFormat placesLeft = PLACES_LEFT.computeIfAbsent(locale.toLanguageTag() + '\n' + pattern,
                        k -> new MessageFormat(pattern, locale));
                state.append(' ').append(((MessageFormat) placesLeft.clone()).format(new Object[] {d.placesLeft()}))
                        .append(", ").append(texts.getString("checkout.cutoff")).append(' ')
                        .append(Shop.dateTime(d.cutoffAt(), locale));
            }
            if (d.full()) {
                state.append(' ').append(texts.getString("checkout.dateFull"));
            }
            if (d.pastCutoff()) {
                state.append(' ').append(texts.getString("checkout.datePastCutoff"));
            }
            if (d.cancelled()) {
                state.append(' ').append(texts.getString("checkout.dateCancelled"));
            }
            options.add(new DateOption(d.id(), d.orderable() ? "date-option" : "date-option disabled",
                    d.orderable() ? null : "disabled", Long.valueOf(d.id()).equals(selected) ? "checked" : null,
                    Shop.date(d.date(), locale), d.tourName(), state.toString()));
        }
        return options;
    }

    public CartBacking getCart() {
        return cartBacking;
    }

    /** The cart's content the page shows, sent back with the order: a changed cart is told from changed prices. */
    public String getCartContent() {
        org.farmstand.storefront.cart.Cart cart = Pages.cart();
        return CheckoutActions.cartContent(cart == null ? java.util.Map.of() : cart.lines());
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

    /**
     * The date to preselect: the posted one (or the suggested next one after "full") while it can be ordered for, else
     * the first orderable. A date the farm cancelled (or whose cut-off passed) since the page was shown is listed as
     * such, but not chosen again.
     */
    public Long getSelectedDateId() {
        if (selectedDateId != null && getDates().stream()
                .anyMatch(d -> d.id() == selectedDateId && d.orderable())) {
            return selectedDateId;
        }
        return getDates().stream().filter(DateView::orderable).findFirst().map(DateView::id).orElse(null);
    }
}
