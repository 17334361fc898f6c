package org.farmstand.customers.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.farmstand.platform.persistence.TenantOwned;

import java.time.Instant;

/** One status a customer got, and when (registration, admission, rejection, blocking, unblocking). */
@Entity
@Table(name = "customer_status_change")
@NamedQuery(name = CustomerStatusChange.FIND_FOR_CUSTOMERS, query = "SELECT s FROM CustomerStatusChange s"
        + " WHERE s.customerId IN :ids ORDER BY s.customerId, s.changedAt, s.id")
public class CustomerStatusChange extends TenantOwned {

    public static final String FIND_FOR_CUSTOMERS = "CustomerStatusChange.findForCustomers";

    @Column(name = "customer_id")
    private long customerId;

    @Enumerated(EnumType.STRING)
    private CustomerStatus status;

    @Column(name = "changed_at")
    private Instant changedAt;

    protected CustomerStatusChange() {
    }

    public CustomerStatusChange(long customerId, CustomerStatus status, Instant changedAt) {
        this.customerId = customerId;
        this.status = status;
        this.changedAt = changedAt;
    }

    public long getCustomerId() { return customerId; }
    public CustomerStatus getStatus() { return status; }
    public Instant getChangedAt() { return changedAt; }
}
