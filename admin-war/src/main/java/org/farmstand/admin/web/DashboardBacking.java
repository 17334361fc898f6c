package org.farmstand.admin.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.farmstand.ordering.boundary.OrderAdminService;

/** The dashboard (/): next tour dates with their fill level, today's orders, customers waiting for approval. */
@Named
@RequestScoped
public class DashboardBacking {

    @Inject
    OrderAdminService orders;

    private OrderAdminService.Summary summary;

    public OrderAdminService.Summary getSummary() {
        if (summary == null) {
            summary = orders.summary(8);
        }
        return summary;
    }
}
