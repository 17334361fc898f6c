package org.farmstand.ordering.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.farmstand.catalog.control.Pricing;
import org.farmstand.catalog.entity.Unit;
import org.farmstand.platform.persistence.TenantOwned;

/** A line of an order with a snapshot of name and price at the time of ordering. */
@Entity
@Table(name = "order_line")
public class OrderLine extends TenantOwned {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private CustomerOrder order;

    @Column(name = "product_id")
    private long productId;

    @Column(name = "product_name")
    private String productName;

    @Enumerated(EnumType.STRING)
    private Unit unit;

    private int quantity;

    @Column(name = "unit_price_cents")
    private long unitPriceCents;

    @Column(name = "line_total_cents")
    private long lineTotalCents;

    /**
     * How much of the quantity was taken from the product's stock ({@code product.stock}): the quantity when the
     * product counted its stock as the line was ordered, 0 when it did not (nothing to give back then). See
     * catalog.control.ProductStock.
     */
    @Column(name = "stock_taken")
    private int stockTaken;

    protected OrderLine() {
    }

    public OrderLine(long productId, String productName, Unit unit, int quantity, long unitPriceCents) {
        this.productId = productId;
        this.productName = productName;
        this.unit = unit;
        this.quantity = quantity;
        this.unitPriceCents = unitPriceCents;
        this.lineTotalCents = Pricing.lineTotal(unitPriceCents, quantity);
    }

    void setOrder(CustomerOrder order) {
        this.order = order;
    }

    public CustomerOrder getOrder() { return order; }
    public long getProductId() { return productId; }
    public String getProductName() { return productName; }
    public Unit getUnit() { return unit; }
    public int getQuantity() { return quantity; }
    public long getUnitPriceCents() { return unitPriceCents; }
    public long getLineTotalCents() { return lineTotalCents; }
    public int getStockTaken() { return stockTaken; }
    public void setStockTaken(int stockTaken) { this.stockTaken = stockTaken; }
}
