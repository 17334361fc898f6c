package org.farmstand.storefront.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.ordering.boundary.OrderService;
import org.farmstand.ordering.boundary.OrderView;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;

import java.util.List;
import java.util.Optional;

/** "My orders", an order's detail page with its cancel button, and the confirmation page after checkout. */
@Named
@RequestScoped
public class OrdersBacking {

    @Inject
    OrderService orders;

    @Inject
    Shop shop;

    private CustomerLogin login;
    private List<OrderView> list;
    private OrderView order;
    private String error;

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
        if (Pages.isPost() && "cancel".equals(Pages.param("action"))) {
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

    public List<OrderView> getOrders() {
        if (list == null) {
            list = login == null ? List.of() : orders.ordersOf(login.customerId());
        }
        return list;
    }

    public OrderView getOrder() {
        return order;
    }

    public String getError() {
        return error;
    }

    public String getMessage() {
        return "cancelled".equals(Pages.param("m")) ? "orders.msg.cancelled" : null;
    }
}
