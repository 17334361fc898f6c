package org.farmstand.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import org.farmstand.platform.persistence.DbTime;
import org.farmstand.platform.persistence.TenantOwned;

import java.time.Instant;

/**
 * Availability and stock of a product on one tour date, as the management system pushed it. No row: available
 * without limit on that date. {@code stock} null: available without limit; else at most {@code stock - sold} more.
 * {@code sold} is only changed by {@link org.farmstand.catalog.control.DateStock} (the first count, then conditional
 * UPDATEs).
 */
@Entity
@Table(name = "product_date_stock")
@NamedQuery(name = ProductDateStock.FIND, query = "SELECT s FROM ProductDateStock s"
        + " WHERE s.productId = :productId AND s.tourDateId = :tourDateId")
@NamedQuery(name = ProductDateStock.FIND_BY_PRODUCT, query = "SELECT s FROM ProductDateStock s"
        + " WHERE s.productId = :productId ORDER BY s.tourDateId")
@NamedQuery(name = ProductDateStock.FIND_BY_DATE, query = "SELECT s FROM ProductDateStock s"
        + " WHERE s.tourDateId = :tourDateId ORDER BY s.productId")
public class ProductDateStock extends TenantOwned {

    public static final String FIND = "ProductDateStock.find";
    public static final String FIND_BY_PRODUCT = "ProductDateStock.findByProduct";
    public static final String FIND_BY_DATE = "ProductDateStock.findByDate";

    @Column(name = "product_id")
    private long productId;

    @Column(name = "tour_date_id")
    private long tourDateId;

    private boolean available = true;

    private Integer stock;

    private int sold;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected ProductDateStock() {
    }

    public ProductDateStock(long productId, long tourDateId, int sold) {
        this.productId = productId;
        this.tourDateId = tourDateId;
        this.sold = sold;
    }

    @PrePersist
    @PreUpdate
    void touched() {
        updatedAt = DbTime.now();
    }

    /** What can still be ordered; null when not limited (a row that is not available has 0). */
    public Integer remaining() {
        if (!available) {
            return 0;
        }
        return stock == null ? null : Math.max(0, stock - sold);
    }

    public long getProductId() { return productId; }
    public long getTourDateId() { return tourDateId; }
    public boolean isAvailable() { return available; }
    public void setAvailable(boolean available) { this.available = available; }
    public Integer getStock() { return stock; }
    public void setStock(Integer stock) { this.stock = stock; }
    public int getSold() { return sold; }
    /** Only for the row's first count ({@link org.farmstand.catalog.control.DateStock#open}). */
    public void setCountedSold(int sold) { this.sold = sold; }
    public Instant getUpdatedAt() { return updatedAt; }
}
