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
import org.farmstand.tenancy.boundary.StaffRight;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;
import org.farmstand.tenancy.entity.CustomerPolicy;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Customers: the queue of new customers (approve / reject), search, and the shop's new-customer policy (the owner
 * changes it). Both tables page in the database.
 */
@Named
@ViewScoped
public class CustomersBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Rows per page of the queue and of the search results. */
    static final int PAGE = 50;

    @Inject
    transient CustomerAdminService customers;

    @Inject
    transient ShopSettingsService settings;

    @Inject
    transient TenantService tenants;

    @Size(max = 100)
    private String query;
    private CustomerStatus status;
    private final LazyDataModel<Row> pending = new Rows(true);
    private final LazyDataModel<Row> results = new Rows(false);

    @NotNull
    private CustomerPolicy policy;

    @Min(0)
    @Max(10000)
    private int weeklyIntake;

    private CustomerAdminService service() {
        if (customers == null) {
            customers = jakarta.enterprise.inject.spi.CDI.current().select(CustomerAdminService.class).get();
        }
        return customers;
    }

    @PostConstruct
    void init() {
        TenantInfo shop = tenants.byId(TenantContext.require()).orElseThrow();
        policy = shop.customerPolicy();
        weeklyIntake = shop.weeklyIntake();
    }

    /**
     * A page of the queue (oldest first) or of the search results, read from the database page by page (the table's
     * paginator; its report says "1–50 of 345", so a long list never looks complete).
     */
    private final class Rows extends LazyDataModel<Row> {
        private static final long serialVersionUID = 1L;
        private final boolean queue;

        Rows(boolean queue) {
            this.queue = queue;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, queue ? service().countPending() : service().count(query, status));
        }

        @Override
        public List<Row> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            int size = Math.min(pageSize <= 0 ? PAGE : pageSize, CustomerAdminService.MAX_PAGE);
            return queue ? service().pending(first, size) : service().search(query, status, first, size);
        }

        @Override
        public String getRowKey(Row row) {
            return String.valueOf(row.id());
        }

        @Override
        public Row getRowData(String rowKey) {
            try {
                return service().find(Long.parseLong(rowKey)).orElse(null);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    public LazyDataModel<Row> getPending() {
        return pending;
    }

    public LazyDataModel<Row> getResults() {
        return results;
    }

    public long getTotal() {
        return service().count(query, status);
    }

    public int getPage() {
        return PAGE;
    }

    /** A new search starts on its first page (the table's paginator keeps its position otherwise). */
    public void search() {
        DataTable table = (DataTable) FacesContext.getCurrentInstance().getViewRoot().findComponent("search:results");
        if (table != null) {
            table.reset();
        }
    }

    /** "Reject Emil Ärger? They will be told by mail." */
    public String rejectQuestion(String name) {
        return Messages.format("customers.reject.confirm", name);
    }

    public void approve(long id) {
        decided(ConflictRetry.run(() -> service().approve(id)), "customers.approved");
    }

    public void reject(long id) {
        decided(ConflictRetry.run(() -> service().reject(id)), "customers.rejected");
    }

    /** {@code ok} empty: a concurrent change made every attempt fail (see {@link ConflictRetry}). */
    private void decided(Optional<Boolean> ok, String key) {
        if (ok.isEmpty()) {
            Pages.error(null, "customers.conflict");
            return;
        }
        FacesContext.getCurrentInstance().addMessage(null, ok.get()
                ? new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.get(key), null)
                : new FacesMessage(FacesMessage.SEVERITY_WARN, Messages.get("customers.notChanged"), null));
    }

    /** Owner only ({@link StaffRight#CUSTOMER_POLICY}): staff see the policy but not the form; 403 when posted. */
    public void savePolicy() {
        if (!Pages.allowed(StaffRight.CUSTOMER_POLICY)) {
            return;
        }
        boolean ok = settings.setCustomerPolicy(policy, weeklyIntake);
        if (!ok) {
            Pages.error(null, "customers.policy.invalid");
            return;
        }
        // a shop that opens its registration (or raises its intake) lets those in line in now, not at the next round
        int admitted = customers.admitThoseInLine();
        if (admitted > 0) {
            Pages.info("customers.policy.savedAdmitted", admitted);
        } else {
            Pages.info("customers.policy.saved");
        }
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
