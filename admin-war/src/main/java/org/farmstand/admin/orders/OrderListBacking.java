package org.farmstand.admin.orders;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.farmstand.ordering.boundary.OrderAdminService;

import java.util.List;

/** Upcoming tour dates with their fill level (/orders/list); each links to its orders. */
@Named
@RequestScoped
public class OrderListBacking {

    @Inject
    OrderAdminService service;

    private List<OrderAdminService.DateFill> dates;

    public List<OrderAdminService.DateFill> getDates() {
        if (dates == null) {
            dates = service.upcomingDates(60);
        }
        return dates;
    }
}
