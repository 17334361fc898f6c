package org.farmstand.admin.orders;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.farmstand.admin.web.Messages;
import org.farmstand.admin.web.Pages;
import org.farmstand.ordering.boundary.OrderAdminService;
import org.farmstand.ordering.entity.OrderStatus;

import java.io.Serializable;

/** One order (/orders/detail?id=N) and its status changes. */
@Named
@ViewScoped
public class OrderDetailBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long id;
    private OrderAdminService.OrderDetail order;

    public void load() {
        order = id == null ? null : service().order(id).orElse(null);
        if (order == null) {
            Pages.notFound();
        }
    }

    public void change(OrderStatus to) {
        switch (service().changeStatus(order.id(), to)) {
            case CHANGED -> {
                Pages.info("orders.detail.changed", Messages.get("OrderStatus." + to.name()));
                Pages.redirect("/orders/detail?id=" + order.id());
            }
            case NOT_ALLOWED -> Pages.error(null, "orders.detail.notAllowed");
            case NOT_FOUND -> Pages.notFound();
        }
    }

    /** "Cancel order 2026-0042 of Emil Ärger? They will be told by mail." */
    public String getCancelQuestion() {
        return order == null ? null
                : Messages.format("orders.detail.cancel.confirm", order.number(), order.customerName());
    }

    private static OrderAdminService service() {
        return CDI.current().select(OrderAdminService.class).get();
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public OrderAdminService.OrderDetail getOrder() { return order; }
}
