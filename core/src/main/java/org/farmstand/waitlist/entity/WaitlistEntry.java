package org.farmstand.waitlist.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import org.farmstand.platform.persistence.DbTime;
import org.farmstand.platform.persistence.TenantOwned;

import java.time.Instant;

/**
 * A customer in line for a full tour date (kind ORDER, with the order they wish) or, as a new customer, for a tour
 * (kind ADMISSION). Position is by creation time; {@code positionKey} is set only while the entry is live, and a
 * UNIQUE index over (customer, tour, positionKey) keeps one live entry per customer and list.
 */
@Entity
@Table(name = "waitlist_entry")
@NamedQuery(name = WaitlistEntry.FIND_WAITING_FOR_DATE, query = "SELECT w FROM WaitlistEntry w WHERE w.tourDateId = :dateId"
        + " AND w.status = org.farmstand.waitlist.entity.WaitlistStatus.WAITING ORDER BY w.createdAt, w.id")
@NamedQuery(name = WaitlistEntry.FIND_BY_CUSTOMER, query = "SELECT w FROM WaitlistEntry w WHERE w.customerId = :customerId"
        + " AND w.kind = org.farmstand.waitlist.entity.WaitlistEntry.Kind.ORDER ORDER BY w.createdAt DESC, w.id DESC")
@NamedQuery(name = WaitlistEntry.FIND_BY_TOKEN, query = "SELECT w FROM WaitlistEntry w WHERE w.offerToken = :token")
@NamedQuery(name = WaitlistEntry.FIND_FOR_DATE, query = "SELECT w FROM WaitlistEntry w WHERE w.tourDateId = :dateId"
        + " ORDER BY w.createdAt, w.id")
public class WaitlistEntry extends TenantOwned {

    public static final String FIND_WAITING_FOR_DATE = "WaitlistEntry.findWaitingForDate";
    /** A customer's entries for dates (their place in the line of new customers, kind ADMISSION, is not one). */
    public static final String FIND_BY_CUSTOMER = "WaitlistEntry.findByCustomer";
    public static final String FIND_BY_TOKEN = "WaitlistEntry.findByToken";
    public static final String FIND_FOR_DATE = "WaitlistEntry.findForDate";

    public enum Kind { ORDER, ADMISSION }

    @Column(name = "tour_id")
    private long tourId;

    @Column(name = "tour_date_id")
    private Long tourDateId;

    @Column(name = "customer_id")
    private long customerId;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    /** The wished order as "productId:quantity,..." (ids of this shop; checked again when the offer is accepted). */
    @Column(name = "wished_order")
    private String wishedOrder;

    @Enumerated(EnumType.STRING)
    private WaitlistStatus status = WaitlistStatus.WAITING;

    @Column(name = "position_key")
    private String positionKey;

    @Column(name = "offered_until")
    private Instant offeredUntil;

    @Column(name = "offer_token")
    private String offerToken;

    @Column(name = "order_id")
    private Long orderId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected WaitlistEntry() {
    }

    public WaitlistEntry(Kind kind, long tourId, Long tourDateId, long customerId, String wishedOrder) {
        this.kind = kind;
        this.tourId = tourId;
        this.tourDateId = tourDateId;
        this.customerId = customerId;
        this.wishedOrder = wishedOrder;
        this.positionKey = tourDateId == null ? "T" : "D" + tourDateId;
    }

    @PrePersist
    void created() {
        // the column keeps milliseconds: an entity compared with rows (position in line) must hold what the row holds,
        // otherwise a fresh entry counts its own, truncated row as ahead of it
        createdAt = DbTime.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void updated() {
        updatedAt = DbTime.now();
    }

    public long getTourId() { return tourId; }
    public Long getTourDateId() { return tourDateId; }
    public long getCustomerId() { return customerId; }
    public Kind getKind() { return kind; }
    public String getWishedOrder() { return wishedOrder; }
    public WaitlistStatus getStatus() { return status; }
    public String getPositionKey() { return positionKey; }
    public Instant getOfferedUntil() { return offeredUntil; }
    public String getOfferToken() { return offerToken; }
    public Long getOrderId() { return orderId; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setOrderId(Long orderId) { this.orderId = orderId; }

    /** Leaves the line: no position any more, so the customer may join this list again later. */
    public void close(WaitlistStatus finalStatus) {
        this.status = finalStatus;
        this.positionKey = null;
    }
}
