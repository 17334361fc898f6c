package org.farmstand.ordering.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import org.farmstand.customers.entity.Customer;
import org.farmstand.platform.persistence.DbTime;
import org.farmstand.platform.persistence.TenantOwned;
import org.farmstand.tours.entity.TourDate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "customer_order")
@NamedQuery(name = CustomerOrder.FIND_BY_KEY, query = "SELECT o FROM CustomerOrder o WHERE o.idempotencyKey = :key")
@NamedQuery(name = CustomerOrder.FIND_BY_CUSTOMER, query =
        "SELECT o FROM CustomerOrder o JOIN FETCH o.tourDate d JOIN FETCH d.tour WHERE o.customer.id = :customerId ORDER BY o.createdAt DESC")
@NamedQuery(name = CustomerOrder.FIND_BY_TOUR_DATE, query =
        "SELECT o FROM CustomerOrder o JOIN FETCH o.customer WHERE o.tourDate.id = :tourDateId ORDER BY o.createdAt")
public class CustomerOrder extends TenantOwned {

    public static final String FIND_BY_KEY = "CustomerOrder.findByKey";
    public static final String FIND_BY_CUSTOMER = "CustomerOrder.findByCustomer";
    public static final String FIND_BY_TOUR_DATE = "CustomerOrder.findByTourDate";

    @Column(name = "order_number")
    private String orderNumber;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id")
    private Customer customer;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "tour_date_id")
    private TourDate tourDate;

    @Enumerated(EnumType.STRING)
    private OrderStatus status = OrderStatus.PLACED;

    @Column(name = "total_cents")
    private long totalCents;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    /** Position in the change feed for management systems; set from a sequence on every change. */
    @Column(name = "change_seq")
    private long changeSeq;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<OrderLine> lines = new ArrayList<>();

    protected CustomerOrder() {
    }

    public CustomerOrder(String orderNumber, Customer customer, TourDate tourDate, String idempotencyKey) {
        this.orderNumber = orderNumber;
        this.customer = customer;
        this.tourDate = tourDate;
        this.idempotencyKey = idempotencyKey;
    }

    @PrePersist
    void created() {
        createdAt = DbTime.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void updated() {
        updatedAt = DbTime.now();
    }

    public void addLine(OrderLine line) {
        line.setOrder(this);
        lines.add(line);
        totalCents = lines.stream().mapToLong(OrderLine::getLineTotalCents).sum();
    }

    /** Replaces all lines (the old ones are deleted) and the total. */
    public void replaceLines(List<OrderLine> newLines) {
        lines.clear();
        newLines.forEach(this::addLine);
        recalculate();
    }

    public void recalculate() {
        totalCents = lines.stream().mapToLong(OrderLine::getLineTotalCents).sum();
    }

    public String getOrderNumber() { return orderNumber; }
    public Customer getCustomer() { return customer; }
    public TourDate getTourDate() { return tourDate; }
    public void setTourDate(TourDate tourDate) { this.tourDate = tourDate; }
    public OrderStatus getStatus() { return status; }
    public void setStatus(OrderStatus status) { this.status = status; }
    public long getTotalCents() { return totalCents; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public long getChangeSeq() { return changeSeq; }
    public void setChangeSeq(long changeSeq) { this.changeSeq = changeSeq; }
    public List<OrderLine> getLines() { return lines; }
}
