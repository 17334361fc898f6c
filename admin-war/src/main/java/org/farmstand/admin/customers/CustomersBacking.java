package org.farmstand.admin.customers;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.farmstand.admin.web.Messages;
import org.farmstand.admin.web.Pages;
import org.farmstand.customers.boundary.CustomerAdminService;
import org.farmstand.customers.boundary.CustomerAdminService.Row;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tenancy.boundary.ShopSettingsService;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;
import org.farmstand.tenancy.entity.CustomerPolicy;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** Customers: the queue of new customers (approve / reject), search, and the shop's new-customer policy. */
@Named
@ViewScoped
public class CustomersBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PAGE = 100;

    @Inject
    transient CustomerAdminService customers;

    @Inject
    transient ShopSettingsService settings;

    @Inject
    transient TenantService tenants;

    @Size(max = 100)
    private String query;
    private CustomerStatus status;
    private transient List<Row> pending;
    private transient List<Row> results;

    @NotNull
    private CustomerPolicy policy;

    @Min(0)
    @Max(10000)
    private int weeklyIntake;

    @PostConstruct
    void init() {
        TenantInfo shop = tenants.byId(TenantContext.require()).orElseThrow();
        policy = shop.customerPolicy();
        weeklyIntake = shop.weeklyIntake();
    }

    public List<Row> getPending() {
        if (pending == null) {
            pending = customers.pending();
        }
        return pending;
    }

    public List<Row> getResults() {
        if (results == null) {
            results = customers.search(query, status, 0, PAGE);
        }
        return results;
    }

    public long getTotal() {
        return customers.count(query, status);
    }

    public void search() {
        results = null;
    }

    public void approve(long id) {
        decided(ConflictRetry.run(() -> customers.approve(id)), "customers.approved");
    }

    public void reject(long id) {
        decided(ConflictRetry.run(() -> customers.reject(id)), "customers.rejected");
    }

    /** {@code ok} empty: a concurrent change made every attempt fail (see {@link ConflictRetry}). */
    private void decided(Optional<Boolean> ok, String key) {
        pending = null;
        results = null;
        if (ok.isEmpty()) {
            Pages.error(null, "customers.conflict");
            return;
        }
        FacesContext.getCurrentInstance().addMessage(null, ok.get()
                ? new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.get(key), null)
                : new FacesMessage(FacesMessage.SEVERITY_WARN, Messages.get("customers.notChanged"), null));
    }

    public void savePolicy() {
        boolean ok = settings.setCustomerPolicy(policy, weeklyIntake);
        FacesContext.getCurrentInstance().addMessage(null, ok
                ? new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.get("customers.policy.saved"), null)
                : new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.get("customers.policy.invalid"), null));
    }

    public CustomerPolicy[] getPolicies() {
        return CustomerPolicy.values();
    }

    public CustomerStatus[] getStatuses() {
        return CustomerStatus.values();
    }

    public String getQuery() { return query; }
    public void setQuery(String query) { this.query = query; }
    public CustomerStatus getStatus() { return status; }
    public void setStatus(CustomerStatus status) { this.status = status; }
    public CustomerPolicy getPolicy() { return policy; }
    public void setPolicy(CustomerPolicy policy) { this.policy = policy; }
    public int getWeeklyIntake() { return weeklyIntake; }
    public void setWeeklyIntake(int weeklyIntake) { this.weeklyIntake = weeklyIntake; }
}
