package org.farmstand.admin.orders;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.farmstand.admin.web.Pages;
import org.farmstand.ordering.boundary.OrderAdminService;

import java.util.List;

/** The orders of one tour date (/orders/date?id=N) with links to the picking and delivery lists. */
@Named
@RequestScoped
public class OrderDateBacking {

    @Inject
    OrderAdminService service;

    private Long id;
    private OrderAdminService.DateFill date;
    private List<OrderAdminService.OrderRow> orders;

    public void load() {
        date = id == null ? null : service.date(id).orElse(null);
        if (date == null) {
            Pages.notFound();
            return;
        }
        orders = service.ordersOn(id);
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public OrderAdminService.DateFill getDate() { return date; }
    public List<OrderAdminService.OrderRow> getOrders() { return orders; }
}
