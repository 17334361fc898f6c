package org.farmstand.tours.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.farmstand.platform.persistence.TenantOwned;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A concrete delivery date of a tour. {@code booked} counts placed orders, {@code held} places reserved for
 * waiting-list offers; the database's CHECK keeps booked + held <= capacity, and every change of booked or held is
 * one conditional UPDATE (see TourDates), never read-then-write.
 */
@Entity
@Table(name = "tour_date")
@NamedQuery(name = TourDate.FIND_UPCOMING, query =
        "SELECT d FROM TourDate d JOIN FETCH d.tour WHERE d.deliveryDate >= :from ORDER BY d.deliveryDate, d.tour.name")
@NamedQuery(name = TourDate.FIND_BY_TOUR, query =
        "SELECT d FROM TourDate d JOIN FETCH d.tour WHERE d.tour.id = :tourId AND d.deliveryDate >= :from"
                + " ORDER BY d.deliveryDate")
@NamedQuery(name = TourDate.FIND_WITH_TOUR, query = "SELECT d FROM TourDate d JOIN FETCH d.tour WHERE d.id = :id")
public class TourDate extends TenantOwned {

    public static final String FIND_UPCOMING = "TourDate.findUpcoming";
    public static final String FIND_BY_TOUR = "TourDate.findByTour";
    /** One date with its tour (one query instead of a find and the lazy tour). */
    public static final String FIND_WITH_TOUR = "TourDate.findWithTour";

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "tour_id")
    private Tour tour;

    @Column(name = "delivery_date")
    private LocalDate deliveryDate;

    private int capacity;

    @Column(insertable = false, updatable = false)
    private int booked;

    @Column(insertable = false, updatable = false)
    private int held;

    @Column(name = "cutoff_at")
    private Instant cutoffAt;

    @Enumerated(EnumType.STRING)
    private TourDateStatus status = TourDateStatus.OPEN;

    private boolean extra;

    protected TourDate() {
    }

    public TourDate(Tour tour, LocalDate deliveryDate, int capacity, Instant cutoffAt, boolean extra) {
        this.tour = tour;
        this.deliveryDate = deliveryDate;
        this.capacity = capacity;
        this.cutoffAt = cutoffAt;
        this.extra = extra;
    }

    public int placesLeft() {
        return Math.max(0, capacity - booked - held);
    }

    public boolean orderable(Instant now) {
        return status == TourDateStatus.OPEN && now.isBefore(cutoffAt);
    }

    public Tour getTour() { return tour; }
    public LocalDate getDeliveryDate() { return deliveryDate; }
    public int getCapacity() { return capacity; }
    public void setCapacity(int capacity) { this.capacity = capacity; }
    public int getBooked() { return booked; }
    public int getHeld() { return held; }
    public Instant getCutoffAt() { return cutoffAt; }
    public void setCutoffAt(Instant cutoffAt) { this.cutoffAt = cutoffAt; }
    public TourDateStatus getStatus() { return status; }
    public void setStatus(TourDateStatus status) { this.status = status; }
    public boolean isExtra() { return extra; }
}
