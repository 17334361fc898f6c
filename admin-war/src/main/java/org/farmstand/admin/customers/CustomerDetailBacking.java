package org.farmstand.admin.customers;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.admin.web.Messages;
import org.farmstand.customers.boundary.CustomerAdminService;
import org.farmstand.customers.boundary.CustomerAdminService.Row;
import org.farmstand.ordering.boundary.OrderService;
import org.farmstand.ordering.boundary.OrderView;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/** One customer with their orders; block or unblock. Another shop's customer id answers 404. */
@Named
@ViewScoped
public class CustomerDetailBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient CustomerAdminService customers;

    @Inject
    transient OrderService orders;

    private Long id;
    private Row customer;
    private transient List<OrderView> customerOrders;

    public void load() throws IOException {
        customer = id == null ? null : customers.find(id).orElse(null);
        if (customer == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(HttpServletResponse.SC_NOT_FOUND, "");
            FacesContext.getCurrentInstance().responseComplete();
        }
    }

    public List<OrderView> getOrders() {
        if (customerOrders == null && customer != null) {
            customerOrders = orders.ordersOf(customer.id());
        }
        return customerOrders;
    }

    public void approve() {
        result(customers.approve(customer.id()), "customers.approved");
    }

    public void reject() {
        result(customers.reject(customer.id()), "customers.rejected");
    }

    public void block() {
        result(customers.block(customer.id()), "customers.blocked");
    }

    public void unblock() {
        result(customers.unblock(customer.id()), "customers.unblocked");
    }

    private void result(boolean ok, String key) {
        customer = customers.find(customer.id()).orElse(customer);
        FacesContext.getCurrentInstance().addMessage(null, ok
                ? new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.get(key), null)
                : new FacesMessage(FacesMessage.SEVERITY_WARN, Messages.get("customers.notChanged"), null));
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Row getCustomer() { return customer; }
}
