package org.farmstand.storefront.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.ordering.boundary.ChangeResult;
import org.farmstand.ordering.boundary.OrderService;
import org.farmstand.ordering.boundary.OrderView;
import org.farmstand.ordering.control.PlacementGate;
import org.farmstand.ordering.entity.OrderStatus;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;
import org.farmstand.tours.boundary.TourService;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** "My orders", an order's detail page with its change form and cancel button, and the confirmation page after checkout. */
@Named
@RequestScoped
public class OrdersBacking {

    @Inject
    OrderService orders;

    @Inject
    TourService tours;

    @Inject
    Shop shop;

    private CustomerLogin login;
    private List<OrderView> list;
    private OrderView order;
    private List<String> otherOrders;
    private String error;
    private OrderService.ChangeForm changeForm;
    private LocalDate fullDate;
    /** The product a refused change is about (no longer available), for the message. */
    private String errorProduct;
    private Sent sent;

    /** A change form that was not applied and is shown again as it was sent: its version, quantities and date. */
    private record Sent(long version, Map<Long, Integer> quantities, Long dateId) {
    }

    private boolean requireLogin(String next) {
        login = Pages.login();
        if (login == null) {
            Pages.redirect(shop, "/account/login" + (next == null ? "" : "?next=" + next));
            return false;
        }
        return true;
    }

    public void loadList() {
        requireLogin("orders");
    }

    /** Detail and confirmation: the customer's own order or 404; POST action=cancel cancels it. */
    public void loadOrder() {
        if (!requireLogin(null)) {
            return;
        }
        String number = shop.getRequest().param("number");
        if (Pages.isPost() && "change".equals(Pages.param("action"))) {
            if (change(number)) {
                return;
            }
        } else if (Pages.isPost() && "cancel".equals(Pages.param("action"))) {
            switch (orders.cancel(login.customerId(), number)) {
                case CANCELLED -> {
                    Pages.redirect(shop, "/account/orders/" + number + "?m=cancelled");
                    return;
                }
                case NOT_FOUND -> {
                    Pages.notFound();
                    return;
                }
                case PAST_CUTOFF -> error = "orders.error.pastCutoff";
                case NOT_CANCELLABLE -> error = "orders.error.notCancellable";
            }
            Pages.status(HttpServletResponse.SC_CONFLICT);
        }
        Optional<OrderView> found = orders.order(login.customerId(), number);
        if (found.isEmpty()) {
            Pages.notFound();
            return;
        }
        order = found.get();
    }

    /**
     * The customer's other orders (not cancelled) for this order's delivery date: the confirmation and the order's
     * page name them, so a second order for a date is not a surprise. Empty for a cancelled order.
     */
    public List<String> getOtherOrdersOnTheSameDate() {
        if (otherOrders == null) {
            otherOrders = order == null || login == null || order.status() == OrderStatus.CANCELLED ? List.of()
                    : orders.otherOrdersOnTheSameDate(login.customerId(), order);
        }
        return otherOrders;
    }

    /**
     * POST action=change: new quantities ({@code qty_<productId>}), the unit prices the form showed
     * ({@code price_<productId>}), the order's version when the form was made, and the date. True when the response
     * is complete (redirect or 404).
     */
    private boolean change(String number) {
        Long version = Pages.longParam("version");
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        Map<Long, Long> prices = new LinkedHashMap<>();
        boolean malformed = version == null;
        for (String name : Pages.request().getParameterMap().keySet()) {
            if (name.startsWith("qty_") || name.startsWith("price_")) {
                String id = name.substring(name.indexOf('_') + 1);
                if (!id.matches("[0-9]{1,18}")) {
                    malformed = true;
                    continue;
                }
                if (name.startsWith("qty_")) {
                    Integer quantity = Pages.intParam(name);
                    if (quantity == null) {
                        malformed = true;
                    } else {
                        quantities.put(Long.parseLong(id), quantity);
                    }
                } else {
                    Long price = Pages.longParam(name);
                    if (price == null) {
                        malformed = true;
                    } else {
                        prices.put(Long.parseLong(id), price);
                    }
                }
            }
        }
        String date = Pages.param("tourDateId");
        Long dateId = date == null || date.isEmpty() ? null : Pages.longParam("tourDateId");
        if (malformed || (date != null && !date.isEmpty() && dateId == null)) {
            fail("orders.change.invalid");
            return false;
        }
        ChangeResult result;
        try {
            result = orders.change(login.customerId(), number, version, quantities, prices, dateId);
        } catch (PlacementGate.Busy busy) {
            // no permit in time: nothing was changed; the page shows the form as it was sent, to send again
            sent = new Sent(version, quantities, dateId);
            error = "orders.change.busy";
            Pages.busy();
            return false;
        }
        if (result instanceof ChangeResult.Changed || result instanceof ChangeResult.AlreadyChanged) {
            Pages.redirect(shop, "/account/orders/" + number + "?m=changed");
            return true;
        }
        if (result instanceof ChangeResult.Unchanged) {
            Pages.redirect(shop, "/account/orders/" + number + "?m=unchanged");
            return true;
        }
        if (result instanceof ChangeResult.NotFound) {
            Pages.notFound();
            return true;
        }
        if (result instanceof ChangeResult.Full full) {
            fullDate = full.date();
            fail("orders.change.full");
        } else if (result instanceof ChangeResult.Unavailable gone) {
            errorProduct = gone.productName();
            fail("orders.change.productUnavailable");
        } else if (result instanceof ChangeResult.Invalid invalid) {
            fail(invalid.reasonKey());
        } else if (result instanceof ChangeResult.NotChangeable) {
            fail("orders.change.notChangeable");
        } else if (result instanceof ChangeResult.PastCutoff) {
            fail("orders.change.pastCutoff");
        } else if (result instanceof ChangeResult.Stale) {
            fail("orders.change.stale");
        } else if (result instanceof ChangeResult.PricesChanged) {
            fail("orders.change.pricesChanged");
        }
        return false;
    }

    private void fail(String key) {
        error = key;
        Pages.status(HttpServletResponse.SC_CONFLICT);
    }

    /** The change form while the order can be changed (before cut-off), else null. */
    public OrderService.ChangeForm getChangeForm() {
        if (changeForm == null && order != null && order.cancellable()) {
            changeForm = orders.changeForm(login.customerId(), order.number()).map(this::asSent).orElse(null);
        }
        return changeForm;
    }

    /** The form with what was sent, when a change is to be sent again as it was (else the form as it is). */
    private OrderService.ChangeForm asSent(OrderService.ChangeForm form) {
        if (sent == null) {
            return form;
        }
        return new OrderService.ChangeForm(sent.version(), form.tourId(), form.lines().stream()
                .map(l -> new OrderService.ChangeLine(l.productId(), l.productName(), l.unit(),
                        sent.quantities().getOrDefault(l.productId(), l.quantity()), l.orderedUnitPriceCents(),
                        l.currentUnitPriceCents(), l.estimated()))
                .toList());
    }

    /** The date the change form preselects: the one sent, when it is shown again as sent, else the order's. */
    public Long getSelectedDateId() {
        return sent != null && sent.dateId() != null ? sent.dateId() : order == null ? null : order.tourDateId();
    }

    /** Dates the order can move to: the order's own date and the orderable dates of its tour (if it is active). */
    public List<TourService.DateView> getChangeDates() {
        OrderService.ChangeForm form = getChangeForm();
        if (form == null) {
            return List.of();
        }
        // a deactivated tour takes no orders: its order stays on its date, and moves to no other
        boolean open = tours.takesOrders(form.tourId());
        return tours.upcomingDates(form.tourId()).stream()
                .filter(d -> d.id() == order.tourDateId() || open && d.orderable()).toList();
    }

    public LocalDate getFullDate() {
        return fullDate;
    }

    public List<OrderView> getOrders() {
        if (list == null) {
            list = login == null ? List.of() : orders.ordersOf(login.customerId());
        }
        return list;
    }

    public OrderView getOrder() {
        return order;
    }

    public String getErrorProduct() {
        return errorProduct;
    }

    public String getError() {
        return error;
    }

    public String getMessage() {
        String m = Pages.param("m");
        return "cancelled".equals(m) ? "orders.msg.cancelled" : "changed".equals(m) ? "orders.msg.changed"
                : "unchanged".equals(m) ? "orders.msg.unchanged" : null;
    }
}
